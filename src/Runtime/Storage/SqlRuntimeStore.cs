using System.Data.Common;
using HttmOrleans.Storage;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.Runtime.Storage;

/// <summary>The runtime's tables in SQL shared by both dialects; <see cref="SqlDialect"/> holds the differences.</summary>
internal sealed partial class SqlRuntimeStore(SqlDialect dialect, ILogger<SqlRuntimeStore> logger, IEnumerable<MigrationSet>? modules = null) : IRuntimeStore
{
    private readonly MigrationSet[] _modules = [.. modules ?? []];

    private readonly StateCache _cache = new(200_000);

    public string Provider => dialect.Provider;
    public SignalBus Signals { get; } = new();
    internal SqlDialect Dialect => dialect;
    internal StateCache Cache => _cache;

    public async Task MigrateAsync(CancellationToken ct)
    {
        var all = RuntimeMigrations.Set.For(dialect.Provider).Select(m => (RuntimeMigrations.Set.Module, m))
            .Concat(_modules.SelectMany(set => set.For(dialect.Provider).Select(m => (set.Module, m))));
        await MigrationRunner.ApplyAsync(dialect, all, logger, ct);
        dialect.StartListening(Signals, logger, SignalTopics.All);
    }

    public async Task<ITurnTransaction> BeginTurnAsync(GrainId grain, bool readOnly, CancellationToken ct)
    {
        var cachedEtag = _cache.CachedEtag(grain);
        if (readOnly)
        {
            await using var connection = await dialect.OpenAsync(ct);
            var (found, etag, json) = await SelectStateAsync(connection, null, grain, cachedEtag, "", ct);
            return new SqlTurnTransaction(this, grain, readOnly: true, null, null, null, found ? etag : 0, json, rowExists: found, placeholder: false);
        }

        var gate = await dialect.EnterWriteAsync(ct);
        DbConnection? conn = null;
        try
        {
            conn = await dialect.OpenAsync(ct);
            var transaction = await conn.BeginTransactionAsync(ct);
            var (found, etag, json) = await SelectStateAsync(conn, transaction, grain, cachedEtag, dialect.ForUpdate, ct);
            var placeholder = false;
            if (!found && dialect.ForUpdate.Length > 0)
            {
                // Nothing to lock yet: insert an empty row so a concurrent first turn on this key waits for us.
                await using (var insert = Sql.Command(conn, transaction,
                    "INSERT INTO grains (grain_type, grain_key, etag, state, updated_at) VALUES (@t, @k, 0, NULL, 0) ON CONFLICT (grain_type, grain_key) DO NOTHING",
                    ("@t", grain.Type), ("@k", grain.Key)))
                    placeholder = await insert.ExecuteNonQueryAsync(ct) == 1;
                (found, etag, json) = await SelectStateAsync(conn, transaction, grain, cachedEtag, dialect.ForUpdate, ct);
            }
            return new SqlTurnTransaction(this, grain, readOnly: false, gate, conn, transaction, found ? etag : 0, json, rowExists: found, placeholder);
        }
        catch
        {
            if (conn is not null) await conn.DisposeAsync();
            gate.Dispose();
            throw;
        }
    }

    private async Task<(bool Found, long Etag, string? Json)> SelectStateAsync(
        DbConnection connection, DbTransaction? transaction, GrainId grain, long cachedEtag, string suffix, CancellationToken ct)
    {
        await using var command = Sql.Command(connection, transaction,
            "SELECT etag, CASE WHEN etag = @c THEN NULL ELSE state END FROM grains WHERE grain_type = @t AND grain_key = @k" + suffix,
            ("@c", cachedEtag), ("@t", grain.Type), ("@k", grain.Key));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return (false, 0, null);
        var etag = reader.GetInt64(0);
        if (etag == cachedEtag && _cache.TryGet(grain, etag, out var cached)) return (true, etag, cached);
        var json = Sql.NullableString(reader, 1);
        if (etag == cachedEtag)
        {
            // The cache entry vanished between the two looks; read the state itself.
            await reader.DisposeAsync();
            return await SelectStateAsync(connection, transaction, grain, -1, suffix, ct);
        }
        _cache.Put(grain, etag, json);
        return (true, etag, json);
    }

    public async Task<(long Etag, string? Json)> ReadStateAsync(GrainId grain, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        var (found, etag, json) = await SelectStateAsync(connection, null, grain, _cache.CachedEtag(grain), "", ct);
        return found ? (etag, json) : (0, null);
    }

    /// <summary>Writes a grain's state outside a turn, only if its etag is still <paramref name="expectedEtag"/>.</summary>
    public async Task<long> WriteStateAsync(GrainId grain, string? json, long expectedEtag, CancellationToken ct)
    {
        using var gate = await dialect.EnterWriteAsync(ct);
        await using var connection = await dialect.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var next = expectedEtag + 1;
        var now = UnixMs.From(DateTimeOffset.UtcNow);
        int written;
        await using (var update = Sql.Command(connection, transaction,
            "UPDATE grains SET etag = @n, state = @s, updated_at = @now WHERE grain_type = @t AND grain_key = @k AND etag = @e",
            ("@n", next), ("@s", json), ("@now", now), ("@t", grain.Type), ("@k", grain.Key), ("@e", expectedEtag)))
            written = await update.ExecuteNonQueryAsync(ct);
        if (written == 0 && expectedEtag == 0)
        {
            await using var insert = Sql.Command(connection, transaction,
                "INSERT INTO grains (grain_type, grain_key, etag, state, updated_at) VALUES (@t, @k, @n, @s, @now) ON CONFLICT (grain_type, grain_key) DO NOTHING",
                ("@t", grain.Type), ("@k", grain.Key), ("@n", next), ("@s", json), ("@now", now));
            written = await insert.ExecuteNonQueryAsync(ct);
        }
        if (written == 0)
        {
            await using var read = Sql.Command(connection, transaction,
                "SELECT etag FROM grains WHERE grain_type = @t AND grain_key = @k", ("@t", grain.Type), ("@k", grain.Key));
            var actual = await read.ExecuteScalarAsync(ct);
            throw new InconsistentStateException(grain, expectedEtag.ToString(), actual is null or DBNull ? null : Convert.ToInt64(actual).ToString());
        }
        await transaction.CommitAsync(ct);
        _cache.Put(grain, next, json);
        return next;
    }

    public async Task<IReadOnlyList<GrainEventRecord>> ReadEventsAsync(GrainId grain, long afterId, int max, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var command = Sql.Command(connection, null,
            "SELECT id, event_type, payload, at FROM grain_events WHERE grain_type = @t AND grain_key = @k AND id > @a ORDER BY id LIMIT @m",
            ("@t", grain.Type), ("@k", grain.Key), ("@a", afterId), ("@m", (long)max));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<GrainEventRecord>();
        while (await reader.ReadAsync(ct))
            events.Add(new GrainEventRecord(reader.GetInt64(0), grain, reader.GetString(1), reader.GetString(2), UnixMs.To(reader.GetInt64(3))));
        return events;
    }

    public async Task<IReadOnlyList<(string Key, long Etag)>> ListGrainsAsync(string grainType, string? keyPrefix, int max, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var command = Sql.Command(connection, null,
            "SELECT grain_key, etag FROM grains WHERE grain_type = @t AND state IS NOT NULL AND substr(grain_key, 1, length(@p)) = @p ORDER BY grain_key LIMIT @m",
            ("@t", grainType), ("@p", keyPrefix ?? ""), ("@m", (long)max));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var keys = new List<(string, long)>();
        while (await reader.ReadAsync(ct)) keys.Add((reader.GetString(0), reader.GetInt64(1)));
        return keys;
    }

    public async Task<IReadOnlyDictionary<string, long>> CountGrainsByTypeAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct);
        await using var command = Sql.Command(connection, null,
            "SELECT grain_type, COUNT(*) FROM grains WHERE state IS NOT NULL GROUP BY grain_type");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync(ct)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>Runs one write outside a turn (claims, leases, heartbeats), serialized where the dialect needs it.</summary>
    private async Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken ct)
    {
        using var gate = await dialect.EnterWriteAsync(ct);
        await using var connection = await dialect.OpenAsync(ct);
        return await work(connection);
    }

    private async Task PublishAsync(DbConnection connection, string topic, string payload, CancellationToken ct)
    {
        if (dialect.NotifySql is { } notify)
        {
            await using var command = Sql.Command(connection, null, notify, ("@notify", topic + "|" + payload));
            await command.ExecuteNonQueryAsync(ct);
        }
        Signals.RaiseLocal(topic, payload);
    }

    public ValueTask DisposeAsync() => dialect.DisposeAsync();
}
