namespace HttmOrleans.DataChefs.Snapshots;

/// <summary>How a snapshot sink writes.</summary>
public sealed record SnapshotSinkOptions
{
    /// <summary>
    /// The scope queue message ids are stored under with their rows (the data chef's id). Must
    /// match <see cref="Definitions.SourceEnvironment.MessageScope"/> and the environment's
    /// log must be a <see cref="Queue.DatabaseProcessedMessageLog"/> on the same database,
    /// so a redelivered message is found and skipped.
    /// </summary>
    public string MessageScope { get; init; } = "default";

    /// <summary>
    /// Count rows that repeat an earlier row's dedupe key when the sink completes (one
    /// aggregate query over the snapshot), so the report says how many there are.
    /// </summary>
    public bool CountDuplicates { get; init; } = true;
}
