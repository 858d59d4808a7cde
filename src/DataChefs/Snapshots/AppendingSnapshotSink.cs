using HttmOrleans.DataChefs.Pipeline;

namespace HttmOrleans.DataChefs.Snapshots;

/// <summary>
/// Makes a snapshot the previous one plus what a queue delivers: before the first batch is
/// stored, the previous snapshot's rows are copied into this one inside the database
/// (<c>INSERT … SELECT</c>, keeping their ordinals), so the inner sink's ordinals continue after
/// them. The copy waits for the first batch so a drain that finds no new message copies nothing,
/// and it is skipped when the snapshot already holds rows (a resumed snapshot was copied before).
/// </summary>
/// <typeparam name="TRow">The dataset kind's row type.</typeparam>
public sealed class AppendingSnapshotSink<TRow> : ISnapshotSink<TRow>
{
    private readonly ISnapshotSink<TRow> _inner;
    private readonly SnapshotDatabase _database;
    private readonly int? _previous;
    private bool _prepared;

    internal AppendingSnapshotSink(ISnapshotSink<TRow> inner, SnapshotDatabase database, int? previous)
    {
        _inner = inner;
        _database = database;
        _previous = previous;
    }

    /// <inheritdoc />
    public string DatasetId => _inner.DatasetId;

    /// <inheritdoc />
    public int Snapshot => _inner.Snapshot;

    /// <summary>New rows handed to the inner sink (the copied ones are not counted here).</summary>
    public long RowsWritten => _inner.RowsWritten;

    /// <summary>Rows copied from the previous snapshot (0 until the first batch, or when there is none).</summary>
    public long RowsCarried { get; private set; }

    /// <inheritdoc />
    public async ValueTask WriteBatchAsync(ReadOnlyMemory<TRow> rows, CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
        await _inner.WriteBatchAsync(rows, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask WriteBatchAsync(ReadOnlyMemory<TRow> rows, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken);
        await _inner.WriteBatchAsync(rows, messageIds, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<SinkSummary> CompleteAsync(CancellationToken cancellationToken) => _inner.CompleteAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (_prepared)
        {
            return;
        }

        if (_previous is { } previous && await SnapshotSinks.CountAsync(_database, DatasetId, Snapshot, cancellationToken) == 0)
        {
            RowsCarried = await SnapshotSinks.CopyAsync(_database, DatasetId, previous, Snapshot, cancellationToken);
        }

        _prepared = true;
    }
}
