namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>
/// Where accepted rows go: the host backs it with the dataset snapshot store. When
/// <see cref="WriteBatchAsync"/> returns, the rows must be durable, because queue messages
/// are acknowledged right after.
/// </summary>
/// <typeparam name="TRow">The dataset kind's row type.</typeparam>
public interface IRowSink<TRow>
{
    /// <summary>Stores one batch durably.</summary>
    ValueTask WriteBatchAsync(ReadOnlyMemory<TRow> rows, CancellationToken cancellationToken);
}
