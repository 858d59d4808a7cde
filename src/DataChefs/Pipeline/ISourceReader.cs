namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>One read of a source. Dispose it to close files, connections and consumers.</summary>
public interface ISourceReader : IAsyncDisposable
{
    /// <summary>The records, streamed; enumerate once.</summary>
    IAsyncEnumerable<SourceRecord> ReadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Tells the source that every record yielded so far is durably stored. A queue source
    /// remembers the message ids and acknowledges the messages; other sources do nothing.
    /// Only called right after a commit-point record.
    /// </summary>
    ValueTask CommitAsync(CancellationToken cancellationToken);

    /// <summary>
    /// True when the source wants what it has yielded stored and committed now, before a full
    /// batch: a queue consumer whose unacknowledged messages approach the prefetch limit.
    /// </summary>
    bool CommitDue { get; }

    /// <summary>What the read detected or decided (dialect, limits reached), for reports and previews.</summary>
    IReadOnlyList<string> Notes { get; }

    /// <summary>Messages skipped because their id was already stored.</summary>
    long DuplicatesSkipped { get; }

    /// <summary>
    /// Ids of the messages yielded since the last commit (empty for sources that are not
    /// queues); a message-tracking sink stores them with the rows.
    /// </summary>
    IReadOnlyCollection<string> PendingMessageIds => [];
}
