namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>
/// A sink that stores a queue batch's rows and the ids of the messages they came from in one
/// transaction. With it a consumer killed between the write and the acknowledgement cannot
/// store a message twice: the redelivered message's id is already there, so it is skipped.
/// </summary>
/// <typeparam name="TRow">The dataset kind's row type.</typeparam>
public interface IMessageTrackingRowSink<TRow> : IRowSink<TRow>
{
    /// <summary>
    /// Stores <paramref name="rows"/> and remembers <paramref name="messageIds"/> atomically and
    /// durably before returning.
    /// </summary>
    ValueTask WriteBatchAsync(ReadOnlyMemory<TRow> rows, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken);
}
