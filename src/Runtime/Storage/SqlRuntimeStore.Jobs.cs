using System.Data.Common;
using HttmOrleans.Storage;

namespace HttmOrleans.Runtime.Storage;

internal sealed partial class SqlRuntimeStore
{
    private const string JobColumns = """
        id, owner_type, owner_key, kind, capability, status, attempts, max_attempts, handovers, lease_owner, progress,
        progress_message, progress_details, cancel_requested, result, error, created_at, started_at, finished_at, lease_until
        """;

    internal static string StatusText(JobStatus status) => status.ToString().ToLowerInvariant();
    private static JobStatus ParseStatus(string text) => Enum.Parse<JobStatus>(text, ignoreCase: true);

    private static JobRecord ReadJob(DbDataReader r) => new(
        r.GetString(0), new GrainId(r.GetString(1), r.GetString(2)), r.GetString(3), r.GetString(4), ParseStatus(r.GetString(5)),
        (int)r.GetInt64(6), (int)r.GetInt64(7), (int)r.GetInt64(8), Sql.NullableString(r, 9), r.GetDouble(10),
        Sql.NullableString(r, 11), Sql.NullableString(r, 12), r.GetInt64(13) != 0, Sql.NullableString(r, 14), Sql.NullableString(r, 15),
        UnixMs.To(r.GetInt64(16)), Sql.NullableLong(r, 17) is { } s ? UnixMs.To(s) : null,
        Sql.NullableLong(r, 18) is { } f ? UnixMs.To(f) : null, r.GetInt64(19) is > 0 and var l ? UnixMs.To(l) : null);

    public Task<ClaimedJob?> ClaimJobAsync(string owner, IReadOnlyList<string> capabilities, IReadOnlyList<string> kinds, long now, long leaseUntil, CancellationToken ct) =>
        WriteAsync(async connection =>
        {
            await using var command = Sql.Command(connection, null, "", ("@o", owner), ("@l", leaseUntil), ("@now", now));
            var caps = Sql.InList(command, "cap", capabilities);
            var kindList = Sql.InList(command, "kind", kinds);
            command.CommandText = $"""
                UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = @o, lease_until = @l, heartbeat_at = @now,
                    started_at = COALESCE(started_at, @now)
                WHERE id = (
                    SELECT id FROM jobs
                    WHERE capability IN {caps} AND kind IN {kindList} AND cancel_requested = 0
                      AND ((status = 'queued' AND not_before <= @now) OR (status = 'running' AND lease_until < @now AND attempts < max_attempts))
                    ORDER BY created_at LIMIT 1{dialect.SkipLocked})
                RETURNING id, kind, payload, attempts, max_attempts, owner_type, owner_key
                """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return null;
            return new ClaimedJob(reader.GetString(0), reader.GetString(1), reader.GetString(2), (int)reader.GetInt64(3),
                (int)reader.GetInt64(4), new GrainId(reader.GetString(5), reader.GetString(6)));
        }, ct);

    public Task<JobHeartbeat> HeartbeatJobAsync(string id, string owner, long now, long leaseUntil, CancellationToken ct) =>
        WriteAsync(async connection =>
        {
            await using var command = Sql.Command(connection, null,
                """
                UPDATE jobs SET lease_until = @l, heartbeat_at = @now WHERE id = @id AND lease_owner = @o AND status = 'running'
                RETURNING cancel_requested
                """,
                ("@l", leaseUntil), ("@now", now), ("@id", id), ("@o", owner));
            var value = await command.ExecuteScalarAsync(ct);
            return value is null or DBNull ? new JobHeartbeat(false, false) : new JobHeartbeat(true, Convert.ToInt64(value) != 0);
        }, ct);

    public Task UpdateJobProgressAsync(string id, string owner, double percent, string? message, string? details, CancellationToken ct) =>
        WriteAsync(async connection =>
        {
            await using var command = Sql.Command(connection, null,
                """
                UPDATE jobs SET progress = @p, progress_message = @m, progress_details = COALESCE(@d, progress_details)
                WHERE id = @id AND lease_owner = @o AND status = 'running'
                """,
                ("@p", percent), ("@m", message), ("@d", details), ("@id", id), ("@o", owner));
            return await command.ExecuteNonQueryAsync(ct);
        }, ct);

    public Task<bool> HandBackJobAsync(string id, string owner, CancellationToken ct) =>
        WriteAsync(async connection =>
        {
            // A graceful stop is not the job's fault: the attempt it used is given back.
            await using var command = Sql.Command(connection, null,
                """
                UPDATE jobs SET status = 'queued', attempts = attempts - 1, handovers = handovers + 1, lease_owner = NULL, lease_until = 0
                WHERE id = @id AND lease_owner = @o AND status = 'running'
                """,
                ("@id", id), ("@o", owner));
            var handed = await command.ExecuteNonQueryAsync(ct) == 1;
            if (handed) await PublishAsync(connection, SignalTopics.Jobs, "", ct);
            return handed;
        }, ct);

    public Task<bool> RequeueJobAsync(string id, string owner, string error, long notBefore, CancellationToken ct) =>
        WriteAsync(async connection =>
        {
            await using var command = Sql.Command(connection, null,
                """
                UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_until = 0, error = @e, not_before = @nb
                WHERE id = @id AND lease_owner = @o AND status = 'running' AND attempts < max_attempts
                """,
                ("@e", error), ("@nb", notBefore), ("@id", id), ("@o", owner));
            var requeued = await command.ExecuteNonQueryAsync(ct) == 1;
            if (requeued) await PublishAsync(connection, SignalTopics.Jobs, "", ct);
            return requeued;
        }, ct);

    public async Task<IReadOnlyList<FinalizableJob>> FindJobsToFinalizeAsync(long now, int max, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var command = Sql.Command(connection, null,
            """
            SELECT id, kind, owner_type, owner_key, cancel_requested, attempts FROM jobs
            WHERE (status = 'queued' AND cancel_requested = 1)
               OR (status = 'running' AND lease_until < @now AND (attempts >= max_attempts OR cancel_requested = 1))
            ORDER BY created_at LIMIT @m
            """,
            ("@now", now), ("@m", (long)max));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var jobs = new List<FinalizableJob>();
        while (await reader.ReadAsync(ct))
        {
            var cancelled = reader.GetInt64(4) != 0;
            var attempts = (int)reader.GetInt64(5);
            jobs.Add(new FinalizableJob(reader.GetString(0), reader.GetString(1), new GrainId(reader.GetString(2), reader.GetString(3)),
                cancelled ? JobStatus.Cancelled : JobStatus.Failed,
                cancelled ? "cancelled" : $"the silo running it stopped heartbeating and all {attempts} attempts are used",
                attempts));
        }
        return jobs;
    }

    public Task MarkJobFailedAsync(string id, string error, long now, CancellationToken ct) =>
        WriteAsync(async connection =>
        {
            await using var command = Sql.Command(connection, null,
                """
                UPDATE jobs SET status = 'failed', error = @e, finished_at = @now, lease_owner = NULL, lease_until = 0
                WHERE id = @id AND status IN ('queued', 'running')
                """,
                ("@e", error), ("@now", now), ("@id", id));
            return await command.ExecuteNonQueryAsync(ct);
        }, ct);

    public Task<bool> RequestJobCancelAsync(string id, CancellationToken ct) =>
        WriteAsync(async connection =>
        {
            await using var command = Sql.Command(connection, null,
                "UPDATE jobs SET cancel_requested = 1 WHERE id = @id AND status IN ('queued', 'running')", ("@id", id));
            var requested = await command.ExecuteNonQueryAsync(ct) == 1;
            if (requested)
            {
                await PublishAsync(connection, SignalTopics.JobCancel, id, ct);
                await PublishAsync(connection, SignalTopics.Jobs, "", ct);
            }
            return requested;
        }, ct);

    public async Task<JobRecord?> GetJobAsync(string id, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var command = Sql.Command(connection, null, $"SELECT {JobColumns} FROM jobs WHERE id = @id", ("@id", id));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadJob(reader) : null;
    }

    public async Task<IReadOnlyList<JobRecord>> ListJobsAsync(JobStatus? status, string? ownerType, int max, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var command = Sql.Command(connection, null, "", ("@m", (long)max));
        var where = new List<string>();
        if (status is not null)
        {
            where.Add("status = @s");
            Sql.Add(command, "@s", StatusText(status.Value));
        }
        if (ownerType is not null)
        {
            where.Add("owner_type = @ot");
            Sql.Add(command, "@ot", ownerType);
        }
        command.CommandText = $"SELECT {JobColumns} FROM jobs {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY created_at DESC LIMIT @m";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var jobs = new List<JobRecord>();
        while (await reader.ReadAsync(ct)) jobs.Add(ReadJob(reader));
        return jobs;
    }
}
