using HttmOrleans.Storage;

namespace HttmOrleans.DataChefs.Snapshots;

/// <summary>
/// The data-chef module's own tables. The host applies <see cref="Migrations"/> at start-up
/// beside the runtime's and the grains' sets.
/// </summary>
public static class DataChefTables
{
    /// <summary>Queue message ids whose rows are stored, per scope (data chef).</summary>
    public const string ProcessedMessages = "datachef_processed_messages";

    /// <summary>The <c>datachefs</c> module's migrations (versions 2000–2999).</summary>
    public static MigrationSet Migrations { get; } = new("datachefs",
        [
            new Migration(2000, "processed queue messages", """
                CREATE TABLE datachef_processed_messages (
                    scope text NOT NULL, message_id text NOT NULL, processed_at bigint NOT NULL,
                    PRIMARY KEY (scope, message_id));
                CREATE INDEX ix_datachef_processed_messages_at ON datachef_processed_messages (processed_at);
                """),
        ],
        [
            new Migration(2000, "processed queue messages", """
                CREATE TABLE datachef_processed_messages (
                    scope TEXT NOT NULL, message_id TEXT NOT NULL, processed_at INTEGER NOT NULL,
                    PRIMARY KEY (scope, message_id)) WITHOUT ROWID;
                CREATE INDEX ix_datachef_processed_messages_at ON datachef_processed_messages (processed_at);
                """),
        ]);
}
