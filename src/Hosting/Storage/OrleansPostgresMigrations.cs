using HttmOrleans.Storage;

namespace HttmOrleans.Hosting.Storage;

/// <summary>
/// The Orleans ADO.NET tables on PostgreSQL. Every statement is a single SQL statement (CTEs, no
/// stored functions) so a reader sees the whole contract here, and each check-and-write is atomic.
/// </summary>
internal static class OrleansPostgresMigrations
{
    private const string StorageKey = """
        grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
            AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
            AND grain_key_extension = COALESCE(@GrainIdExtensionString, '')
        """;

    private const string MemberKey = "deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation";

    private const string MemberColumns = """
        v.version AS Version, m.address AS Address, m.port AS Port, m.generation AS Generation, m.silo_name AS SiloName,
            m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort, m.suspect_times AS SuspectTimes,
            m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
        """;

    private const string ReminderColumns = "grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version";

    public static IReadOnlyList<Migration> All { get; } =
    [
        new Migration(3000, "orleans query table", OrleansQueries.CreateTable),
        new Migration(3001, "orleans grain storage", """
            CREATE TABLE orleans_storage (
                grain_id_hash integer NOT NULL, grain_type_hash integer NOT NULL, service_id text NOT NULL,
                grain_id_n0 bigint NOT NULL, grain_id_n1 bigint NOT NULL, grain_type text NOT NULL,
                grain_key_extension text NOT NULL, payload bytea, version integer NOT NULL, modified_at timestamptz NOT NULL,
                PRIMARY KEY (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type, grain_key_extension));
            """ + OrleansQueries.Insert(new Dictionary<string, string>
            {
                ["ReadFromStorageKey"] = $"SELECT payload AS PayloadBinary, version AS Version FROM orleans_storage WHERE {StorageKey}",
                // The ETag is the row's version: an update needs the version the grain last saw, an insert needs
                // that it saw none. Anything else returns NULL, which the provider reports as a conflict.
                ["WriteToStorageKey"] = $"""
                    WITH updated AS (
                        UPDATE orleans_storage SET payload = @PayloadBinary, version = version + 1, modified_at = now()
                        WHERE {StorageKey} AND @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
                        RETURNING version),
                    inserted AS (
                        INSERT INTO orleans_storage (grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type,
                            grain_key_extension, payload, version, modified_at)
                        SELECT @GrainIdHash, @GrainTypeHash, @ServiceId, @GrainIdN0, @GrainIdN1, @GrainTypeString,
                            COALESCE(@GrainIdExtensionString, ''), @PayloadBinary, 1, now()
                        WHERE @GrainStateVersion IS NULL
                        ON CONFLICT DO NOTHING
                        RETURNING version)
                    SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted) AS NewGrainStateVersion
                    """,
                // Clearing keeps the row (payload NULL) so the version keeps counting and a stale writer still conflicts.
                ["ClearStorageKey"] = $"""
                    WITH cleared AS (
                        UPDATE orleans_storage SET payload = NULL, version = version + 1, modified_at = now()
                        WHERE {StorageKey} AND @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
                        RETURNING version)
                    SELECT (SELECT version FROM cleared) AS NewGrainStateVersion
                    """,
            })),
        new Migration(3002, "orleans reminders", """
            CREATE TABLE orleans_reminders (
                service_id text NOT NULL, grain_id text NOT NULL, reminder_name text NOT NULL,
                start_time timestamptz NOT NULL, period bigint NOT NULL, grain_hash integer NOT NULL, version integer NOT NULL,
                PRIMARY KEY (service_id, grain_id, reminder_name));
            CREATE INDEX ix_orleans_reminders_hash ON orleans_reminders (service_id, grain_hash);
            """ + OrleansQueries.Insert(new Dictionary<string, string>
            {
                ["ReadReminderRowsKey"] = $"SELECT {ReminderColumns} FROM orleans_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId",
                ["ReadReminderRowKey"] = $"SELECT {ReminderColumns} FROM orleans_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName",
                // Hashes are unsigned ring positions stored as signed integers; the provider picks the query by signed order.
                ["ReadRangeRows1Key"] = $"SELECT {ReminderColumns} FROM orleans_reminders WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash",
                ["ReadRangeRows2Key"] = $"SELECT {ReminderColumns} FROM orleans_reminders WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)",
                ["UpsertReminderRowKey"] = """
                    INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
                    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
                    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                        start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
                        version = orleans_reminders.version + 1
                    RETURNING version AS Version
                    """,
                ["DeleteReminderRowKey"] = """
                    WITH deleted AS (
                        DELETE FROM orleans_reminders
                        WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
                        RETURNING 1)
                    SELECT EXISTS (SELECT 1 FROM deleted)
                    """,
                ["DeleteReminderRowsKey"] = "DELETE FROM orleans_reminders WHERE service_id = @ServiceId",
            })),
        new Migration(3003, "orleans clustering", """
            CREATE TABLE orleans_membership_version (
                deployment_id text PRIMARY KEY, version integer NOT NULL, updated_at timestamptz NOT NULL);
            CREATE TABLE orleans_membership (
                deployment_id text NOT NULL, address text NOT NULL, port integer NOT NULL, generation integer NOT NULL,
                silo_name text NOT NULL, host_name text NOT NULL, status integer NOT NULL, proxy_port integer NOT NULL,
                suspect_times text, start_time timestamptz NOT NULL, i_am_alive_time timestamptz NOT NULL,
                PRIMARY KEY (deployment_id, address, port, generation));
            """ + OrleansQueries.Insert(new Dictionary<string, string>
            {
                ["InsertMembershipVersionKey"] = """
                    WITH inserted AS (
                        INSERT INTO orleans_membership_version (deployment_id, version, updated_at) VALUES (@DeploymentId, 0, now())
                        ON CONFLICT DO NOTHING
                        RETURNING 1)
                    SELECT EXISTS (SELECT 1 FROM inserted)
                    """,
                // Membership writes bump the table version first: that row lock serializes concurrent writers, and
                // a writer holding a stale version changes nothing and gets false.
                ["InsertMembershipKey"] = $"""
                    WITH bumped AS (
                        UPDATE orleans_membership_version SET version = version + 1, updated_at = now()
                        WHERE deployment_id = @DeploymentId AND version = @Version
                            AND NOT EXISTS (SELECT 1 FROM orleans_membership WHERE {MemberKey})
                        RETURNING 1),
                    inserted AS (
                        INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status,
                            proxy_port, start_time, i_am_alive_time)
                        SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
                        FROM bumped
                        ON CONFLICT DO NOTHING
                        RETURNING 1)
                    SELECT EXISTS (SELECT 1 FROM inserted)
                    """,
                ["UpdateMembershipKey"] = $"""
                    WITH bumped AS (
                        UPDATE orleans_membership_version SET version = version + 1, updated_at = now()
                        WHERE deployment_id = @DeploymentId AND version = @Version
                            AND EXISTS (SELECT 1 FROM orleans_membership WHERE {MemberKey})
                        RETURNING 1),
                    updated AS (
                        UPDATE orleans_membership SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
                        WHERE {MemberKey} AND EXISTS (SELECT 1 FROM bumped)
                        RETURNING 1)
                    SELECT EXISTS (SELECT 1 FROM updated)
                    """,
                ["UpdateIAmAlivetimeKey"] = $"UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime WHERE {MemberKey}",
                ["MembershipReadRowKey"] = $"""
                    SELECT {MemberColumns}
                    FROM orleans_membership_version v
                    LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
                        AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
                    WHERE v.deployment_id = @DeploymentId
                    """,
                ["MembershipReadAllKey"] = $"""
                    SELECT {MemberColumns}
                    FROM orleans_membership_version v
                    LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
                    WHERE v.deployment_id = @DeploymentId
                    """,
                ["GatewaysQueryKey"] = """
                    SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation FROM orleans_membership
                    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
                    """,
                ["DeleteMembershipTableEntriesKey"] = """
                    WITH members AS (DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId)
                    DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
                    """,
                // Only silos already declared dead (status 6) and silent since the cut-off are removed.
                ["CleanupDefunctSiloEntriesKey"] = """
                    DELETE FROM orleans_membership
                    WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status = 6
                    """,
            })),
    ];
}
