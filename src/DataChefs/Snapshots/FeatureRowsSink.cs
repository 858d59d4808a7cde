using HttmOrleans.DataChefs.Features;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.DataChefs.Snapshots;

/// <summary>
/// Hands the feature rows of each record to a <c>snapshot_features</c> sink, flattened: the pipeline counts
/// records, the snapshot holds one row per feature. A queue batch stays one write, so its messages stay atomic.
/// </summary>
public sealed class FeatureRowsSink(ISnapshotSink<FeatureSample> inner) : IMessageTrackingRowSink<FeatureRows>, IAsyncDisposable
{
    private readonly List<FeatureSample> _flat = [];

    /// <summary>Feature rows handed on so far.</summary>
    public long RowsWritten => inner.RowsWritten;

    /// <inheritdoc />
    public ValueTask WriteBatchAsync(ReadOnlyMemory<FeatureRows> rows, CancellationToken cancellationToken) =>
        inner.WriteBatchAsync(Flatten(rows), cancellationToken);

    /// <inheritdoc />
    public ValueTask WriteBatchAsync(ReadOnlyMemory<FeatureRows> rows, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken) =>
        inner.WriteBatchAsync(Flatten(rows), messageIds, cancellationToken);

    /// <inheritdoc />
    public ValueTask<SinkSummary> CompleteAsync(CancellationToken cancellationToken) => inner.CompleteAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private ReadOnlyMemory<FeatureSample> Flatten(ReadOnlyMemory<FeatureRows> rows)
    {
        _flat.Clear();
        foreach (var row in rows.Span) _flat.AddRange(row.Samples);
        return _flat.ToArray();
    }
}
