namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>
/// Where accepted rows go: the host backs it with the dataset snapshot store. A sink may
/// buffer across batches (one long PostgreSQL COPY); every row is durable once
/// <see cref="CompleteAsync"/> returns. A sink that also implements
/// <see cref="IMessageTrackingRowSink{TRow}"/> is handed queue batches through that interface
/// and makes each of them durable before returning, because the messages are acknowledged
/// right after.
/// </summary>
/// <typeparam name="TRow">The dataset kind's row type.</typeparam>
public interface IRowSink<TRow>
{
    /// <summary>Stores one batch (durably, unless the sink says it buffers until <see cref="CompleteAsync"/>).</summary>
    ValueTask WriteBatchAsync(ReadOnlyMemory<TRow> rows, CancellationToken cancellationToken);

    /// <summary>
    /// Called once after the last batch: makes every row durable and reports what the sink
    /// found (for example duplicate keys). The default does nothing.
    /// </summary>
    ValueTask<SinkSummary> CompleteAsync(CancellationToken cancellationToken) => ValueTask.FromResult(SinkSummary.None);
}
