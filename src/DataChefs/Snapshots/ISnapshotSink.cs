using HttmOrleans.DataChefs.Pipeline;

namespace HttmOrleans.DataChefs.Snapshots;

/// <summary>
/// Appends rows to one dataset snapshot with increasing ordinals. It continues after the
/// snapshot's highest ordinal, so a queue materialization restarted after a crash resumes the
/// same snapshot. One sink per snapshot at a time: ordinals are not coordinated between sinks.
/// Dispose it without <see cref="IRowSink{TRow}.CompleteAsync"/> and rows still buffered are
/// discarded; delete a failed snapshot with <see cref="SnapshotSinks.DeleteAsync(SnapshotDatabase, string, int, CancellationToken)"/>.
/// </summary>
/// <typeparam name="TRow">The dataset kind's row type.</typeparam>
public interface ISnapshotSink<TRow> : IMessageTrackingRowSink<TRow>, IAsyncDisposable
{
    /// <summary>The dataset written to.</summary>
    string DatasetId { get; }

    /// <summary>The snapshot number written to.</summary>
    int Snapshot { get; }

    /// <summary>Rows handed to this sink so far (durable ones and buffered ones).</summary>
    long RowsWritten { get; }
}
