using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using HttmOrleans.Grains.Jobs;
using HttmOrleans.Hosting.Storage;
using HttmOrleans.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace HttmOrleans.Grains;

/// <summary>
/// Read-only views across grains without activating them: the catalog (grain state as stored by
/// Orleans' ADO.NET provider, which keeps each grain type's state under its catalog name, as JSON by
/// <see cref="JsonGrainStorageSerializer"/>), grain events, and the job log.
/// Listing routes page through here instead of calling every grain.
/// </summary>
public sealed class ClusterAdmin(HttmDatabase db, IOptions<ClusterOptions> cluster, IClusterMembershipService membership)
{
    private const string JobColumns = "id, owner_type, owner_key, kind, capability, status, attempts, max_attempts, handovers, silo, progress, "
        + "message, details, cancel_requested, result, error, created_at, started_at, finished_at";

    private string ServiceId => cluster.Value.ServiceId;

    /// <summary>How many silos membership lists as active.</summary>
    public int ActiveSiloCount => membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);

    /// <summary>The catalog name of a grain interface.</summary>
    public string GrainTypeName<TGrain>() where TGrain : IGrainWithStringKey => GrainTypes.Of<TGrain>();

    /// <summary>Every catalogued grain type.</summary>
    public IEnumerable<string> GrainTypeNames => GrainTypes.All;

    /// <summary>Keys (and state versions) of one type, in key order, from <paramref name="after"/> on.</summary>
    public async Task<IReadOnlyList<(string Key, long Etag)>> ListGrainsAsync(string grainType, string? keyPrefix = null, int max = 200,
        string? after = null, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var command = HttmDatabase.Command(connection, null,
            "SELECT substr(grain_key_extension, 2), version FROM orleans_storage WHERE service_id = @s AND grain_type = @t AND payload IS NOT NULL "
            + "AND substr(grain_key_extension, 1, length(@p)) = @p AND grain_key_extension > @a ORDER BY grain_key_extension LIMIT @m",
            ("@s", ServiceId), ("@t", grainType), ("@p", StoredKey(keyPrefix ?? "")), ("@a", StoredKey(after ?? "")), ("@m", (long)max));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var keys = new List<(string, long)>();
        while (await reader.ReadAsync(ct)) keys.Add((reader.GetString(0), reader.GetInt64(1)));
        return keys;
    }

    /// <summary>The stored states of one type, in key order (a page of at most <paramref name="max"/>).</summary>
    public async Task<List<TState>> ListStatesAsync<TState>(string grainType, int max = 10_000, string? after = null, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var command = HttmDatabase.Command(connection, null,
            "SELECT payload FROM orleans_storage WHERE service_id = @s AND grain_type = @t AND payload IS NOT NULL AND grain_key_extension > @a "
            + "ORDER BY grain_key_extension LIMIT @m",
            ("@s", ServiceId), ("@t", grainType), ("@a", StoredKey(after ?? "")), ("@m", (long)max));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var states = new List<TState>();
        while (await reader.ReadAsync(ct))
        {
            if (JsonSerializer.Deserialize<TState>((byte[])reader.GetValue(0), GrainJson.Options) is { } state) states.Add(state);
        }

        return states;
    }

    /// <summary>How many grains of each type hold state.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountGrainsByTypeAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var command = HttmDatabase.Command(connection, null,
            "SELECT grain_type, COUNT(*) FROM orleans_storage WHERE service_id = @s AND payload IS NOT NULL GROUP BY grain_type", ("@s", ServiceId));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>One grain's stored state as JSON text and its version, or (0, null).</summary>
    public async Task<(long Etag, string? Json)> ReadStateAsync(GrainKey grain, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var command = HttmDatabase.Command(connection, null,
            "SELECT version, payload FROM orleans_storage WHERE service_id = @s AND grain_type = @t AND grain_key_extension = @k AND payload IS NOT NULL",
            ("@s", ServiceId), ("@t", grain.Type), ("@k", StoredKey(grain.Key)));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return (0, null);
        return (reader.GetInt64(0), System.Text.Encoding.UTF8.GetString((byte[])reader.GetValue(1)));
    }

    /// <summary>A grain's events after <paramref name="afterId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<GrainEventRecord>> ReadEventsAsync(GrainKey grain, long afterId = 0, int max = 200, CancellationToken ct = default) =>
        await QueryEventsAsync(grain, afterId, max, ct);

    /// <summary>
    /// A page of a grain's events, oldest first: without <paramref name="afterId"/> the newest <paramref name="max"/>
    /// (a long-lived grain's journal grows with every call; a history view wants its end), and whether older ones
    /// exist; with it, the <paramref name="max"/> after that id, and whether newer ones follow.
    /// </summary>
    public async Task<(IReadOnlyList<GrainEventRecord> Events, bool More)> ReadEventPageAsync(GrainKey grain, long? afterId, int max, CancellationToken ct = default)
    {
        var events = await QueryEventsAsync(grain, afterId, max + 1, ct);
        var more = events.Count > max;
        if (more) events.RemoveAt(events.Count - 1);
        if (afterId is null) events.Reverse();
        return (events, more);
    }

    /// <summary>Events after <paramref name="afterId"/> in id order, or without it the newest first.</summary>
    private async Task<List<GrainEventRecord>> QueryEventsAsync(GrainKey grain, long? afterId, int max, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var command = HttmDatabase.Command(connection, null,
            afterId is null
                ? "SELECT id, event_type, payload, at FROM grain_events WHERE grain_type = @t AND grain_key = @k ORDER BY id DESC LIMIT @m"
                : "SELECT id, event_type, payload, at FROM grain_events WHERE grain_type = @t AND grain_key = @k AND id > @a ORDER BY id LIMIT @m",
            ("@t", grain.Type), ("@k", grain.Key), ("@a", afterId ?? 0), ("@m", (long)max));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<GrainEventRecord>();
        while (await reader.ReadAsync(ct))
            events.Add(new GrainEventRecord(reader.GetInt64(0), grain, reader.GetString(1), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        return events;
    }

    /// <summary>Appends events of one grain call, after its state was written.</summary>
    public async Task AppendEventsAsync(GrainKey grain, IReadOnlyList<(string Type, string Payload, DateTimeOffset At)> events, CancellationToken ct = default)
    {
        using var gate = await db.EnterWriteAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var (type, payload, at) in events)
        {
            await using var command = HttmDatabase.Command(connection, transaction,
                "INSERT INTO grain_events (grain_type, grain_key, event_type, payload, at) VALUES (@t, @k, @e, @p, @at)",
                ("@t", grain.Type), ("@k", grain.Key), ("@e", type), ("@p", payload), ("@at", at.ToUnixTimeMilliseconds()));
            await command.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Recent jobs, newest first.</summary>
    public async Task<IReadOnlyList<JobRecord>> ListJobsAsync(JobStatus? status = null, string? ownerType = null, int max = 100, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var command = HttmDatabase.Command(connection, null, "", ("@m", (long)max));
        var where = new List<string>();
        if (status is not null)
        {
            where.Add("status = @st");
            HttmDatabase.AddParameter(command, "@st", StatusText(status.Value));
        }

        if (ownerType is not null)
        {
            where.Add("owner_type = @ot");
            HttmDatabase.AddParameter(command, "@ot", ownerType);
        }

        command.CommandText = $"SELECT {JobColumns} FROM job_runs {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY created_at DESC LIMIT @m";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var jobs = new List<JobRecord>();
        while (await reader.ReadAsync(ct)) jobs.Add(ReadJob(reader));
        return jobs;
    }

    /// <summary>Writes the job's log row as its owner sees it now.</summary>
    public async Task RecordJobAsync(JobRecord job, CancellationToken ct = default)
    {
        using var gate = await db.EnterWriteAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        await using var command = HttmDatabase.Command(connection, null,
            $"""
            INSERT INTO job_runs ({JobColumns}) VALUES (@id, @ot, @ok, @kind, @cap, @st, @att, @max, @ho, @silo, @pr, @msg, @det, @cr, @res, @err, @ca, @sa, @fa)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, attempts = excluded.attempts, handovers = excluded.handovers,
                silo = excluded.silo, progress = excluded.progress, message = excluded.message, details = excluded.details,
                cancel_requested = excluded.cancel_requested, result = excluded.result, error = excluded.error,
                started_at = excluded.started_at, finished_at = excluded.finished_at
            """,
            ("@id", job.Id), ("@ot", job.Owner.Type), ("@ok", job.Owner.Key), ("@kind", job.Kind), ("@cap", job.Capability),
            ("@st", StatusText(job.Status)), ("@att", job.Attempts), ("@max", job.MaxAttempts), ("@ho", job.Handovers), ("@silo", job.SiloId),
            ("@pr", job.Progress), ("@msg", job.ProgressMessage), ("@det", job.ProgressDetails), ("@cr", job.CancelRequested),
            ("@res", job.Result), ("@err", job.Error), ("@ca", job.CreatedAt.ToUnixTimeMilliseconds()),
            ("@sa", job.StartedAt?.ToUnixTimeMilliseconds()), ("@fa", job.FinishedAt?.ToUnixTimeMilliseconds()));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Keys are stored behind <see cref="StringKeyGrainStorage.Prefix"/> (so hex-looking ids stay text).</summary>
    private static string StoredKey(string key) => StringKeyGrainStorage.Prefix + key;

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long? Long(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    private static string StatusText(JobStatus status) => status.ToString().ToLowerInvariant();

    private static JobRecord ReadJob(DbDataReader r) => new(
        r.GetString(0), new GrainKey(r.GetString(1), r.GetString(2)), r.GetString(3), r.GetString(4),
        Enum.Parse<JobStatus>(r.GetString(5), ignoreCase: true), r.GetInt32(6), r.GetInt32(7), r.GetInt32(8), Text(r, 9),
        r.GetDouble(10), Text(r, 11), Text(r, 12), Convert.ToBoolean(r.GetValue(13), CultureInfo.InvariantCulture),
        Text(r, 14), Text(r, 15), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(16)),
        Long(r, 17) is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s) : null,
        Long(r, 18) is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null);
}
