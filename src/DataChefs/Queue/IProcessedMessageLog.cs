namespace HttmOrleans.DataChefs.Queue;

/// <summary>
/// Remembers which queue messages have had their rows stored, so a redelivered message is
/// skipped. The host backs it with its database; ideally in the same transaction as the
/// sink's batch, which closes the small window where a crash after the write but before
/// <see cref="MarkProcessedAsync"/> would let a redelivery store the rows again.
/// </summary>
public interface IProcessedMessageLog
{
    /// <summary>Whether the message's rows were stored before.</summary>
    ValueTask<bool> IsProcessedAsync(string scope, string messageId, CancellationToken cancellationToken);

    /// <summary>Records that these messages' rows are stored. Called after the sink write, before the acknowledgement.</summary>
    ValueTask MarkProcessedAsync(string scope, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken);
}
