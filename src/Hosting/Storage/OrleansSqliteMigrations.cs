using HttmOrleans.Storage;

namespace HttmOrleans.Hosting.Storage;

/// <summary>
/// The Orleans ADO.NET tables in the embedded SQLite file: grain storage and reminders only
/// (the embedded silo uses localhost clustering). SQLite has no data-modifying CTEs, so a
/// conditional write is two statements of which at most one returns a row.
/// </summary>
internal static class OrleansSqliteMigrations
{
    private const string StorageKey = """
        grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
            AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
            AND grain_key_extension = COALESCE(@GrainIdExtensionString, '')
        """;

    private const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    private const string ReminderColumns = "grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version";

    public static IReadOnlyList<Migration> All { get; } =
    [
        new Migration(3000, "orleans query table", OrleansQueries.CreateTable),
        new Migration(3001, "orleans grain storage", """
            CREATE TABLE orleans_storage (
                grain_id_hash INTEGER NOT NULL, grain_type_hash INTEGER NOT NULL, service_id TEXT NOT NULL,
                grain_id_n0 INTEGER NOT NULL, grain_id_n1 INTEGER NOT NULL, grain_type TEXT NOT NULL,
                grain_key_extension TEXT NOT NULL, payload BLOB, version INTEGER NOT NULL, modified_at TEXT NOT NULL,
                PRIMARY KEY (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type, grain_key_extension)
            ) WITHOUT ROWID;
            """ + OrleansQueries.Insert(new Dictionary<string, string>
            {
                ["ReadFromStorageKey"] = $"SELECT payload AS PayloadBinary, version AS Version FROM orleans_storage WHERE {StorageKey}",
                // The ETag is the row's version (see the PostgreSQL set); no row back means a conflict.
                ["WriteToStorageKey"] = $"""
                    UPDATE orleans_storage SET payload = @PayloadBinary, version = version + 1, modified_at = {Now}
                    WHERE {StorageKey} AND @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
                    RETURNING version AS NewGrainStateVersion;
                    INSERT INTO orleans_storage (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type,
                        grain_key_extension, payload, version, modified_at)
                    SELECT @GrainIdHash, @GrainTypeHash, @ServiceId, @GrainIdN0, @GrainIdN1, @GrainTypeString,
                        COALESCE(@GrainIdExtensionString, ''), @PayloadBinary, 1, {Now}
                    WHERE @GrainStateVersion IS NULL
                    ON CONFLICT DO NOTHING
                    RETURNING version AS NewGrainStateVersion;
                    """,
                ["ClearStorageKey"] = $"""
                    UPDATE orleans_storage SET payload = NULL, version = version + 1, modified_at = {Now}
                    WHERE {StorageKey} AND @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
                    RETURNING version AS NewGrainStateVersion;
                    """,
            })),
        new Migration(3002, "orleans reminders", """
            CREATE TABLE orleans_reminders (
                service_id TEXT NOT NULL, grain_id TEXT NOT NULL, reminder_name TEXT NOT NULL,
                start_time TEXT NOT NULL, period INTEGER NOT NULL, grain_hash INTEGER NOT NULL, version INTEGER NOT NULL,
                PRIMARY KEY (service_id, grain_id, reminder_name));
            CREATE INDEX ix_orleans_reminders_hash ON orleans_reminders (service_id, grain_hash);
            """ + OrleansQueries.Insert(new Dictionary<string, string>
            {
                ["ReadReminderRowsKey"] = $"SELECT {ReminderColumns} FROM orleans_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId",
                ["ReadReminderRowKey"] = $"SELECT {ReminderColumns} FROM orleans_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName",
                ["ReadRangeRows1Key"] = $"SELECT {ReminderColumns} FROM orleans_reminders WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash",
                ["ReadRangeRows2Key"] = $"SELECT {ReminderColumns} FROM orleans_reminders WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)",
                ["UpsertReminderRowKey"] = """
                    INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
                    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
                    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                        start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
                        version = orleans_reminders.version + 1
                    RETURNING version AS Version;
                    """,
                // The provider wants exactly one boolean row; changes() counts the DELETE just before it on this connection.
                ["DeleteReminderRowKey"] = """
                    DELETE FROM orleans_reminders
                    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version;
                    SELECT changes() > 0;
                    """,
                ["DeleteReminderRowsKey"] = "DELETE FROM orleans_reminders WHERE service_id = @ServiceId",
            })),
    ];
}
