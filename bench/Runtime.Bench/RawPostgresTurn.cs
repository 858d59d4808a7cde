using System.Collections.Concurrent;
using System.Text.Json;
using Npgsql;

namespace HttmOrleans.Runtime.Bench;

/// <summary>
/// The runtime's write turn by hand: the same SELECT … FOR UPDATE and etag-checked UPDATE on the
/// same table, the same etag cache and JSON, but no proxy, reflection, DI or turn scope. The gap to
/// the runtime is the runtime's own cost; <see cref="CommitInBatch"/> shows what folding BEGIN and
/// COMMIT into the two statements (2 round trips instead of 3) would buy.
/// </summary>
internal sealed class RawPostgresTurn(NpgsqlDataSource source, bool commitInBatch) : IAsyncDisposable
{
    private const string Select =
        "SELECT etag, CASE WHEN etag = @c THEN NULL ELSE state END FROM grains WHERE grain_type = @t AND grain_key = @k FOR UPDATE";
    private const string Update =
        "UPDATE grains SET etag = @n, state = @s, updated_at = @now WHERE grain_type = @t AND grain_key = @k AND etag = @e";

    private readonly ConcurrentDictionary<string, (long Etag, string Json)> _cache = new();

    public bool CommitInBatch => commitInBatch;

    public static RawPostgresTurn Create(string connectionString, bool commitInBatch)
    {
        // The settings PostgresDialect uses, so both sides prepare statements alike.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, NoResetOnClose = true };
        return new RawPostgresTurn(NpgsqlDataSource.Create(builder.ConnectionString), commitInBatch);
    }

    public async Task TurnAsync(string key)
    {
        var cached = _cache.TryGetValue(key, out var entry) ? entry : (Etag: -1L, Json: "");
        await using var connection = await source.OpenConnectionAsync();
        if (commitInBatch)
        {
            await using var begin = new NpgsqlBatch(connection);
            begin.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
            begin.BatchCommands.Add(SelectCommand(key, cached.Etag));
            var (etag, json) = await ReadAsync(begin, key, cached);
            await using var end = new NpgsqlBatch(connection);
            end.BatchCommands.Add(UpdateCommand(key, etag, json, out var next));
            end.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await end.ExecuteNonQueryAsync();
            Check(end.BatchCommands[0].RecordsAffected, key);
            _cache[key] = (etag + 1, next);
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using var select = new NpgsqlBatch(connection, transaction);
        select.BatchCommands.Add(SelectCommand(key, cached.Etag));
        var (readEtag, readJson) = await ReadAsync(select, key, cached);
        await using var update = new NpgsqlBatch(connection, transaction);
        update.BatchCommands.Add(UpdateCommand(key, readEtag, readJson, out var written));
        await update.ExecuteNonQueryAsync();
        Check(update.BatchCommands[0].RecordsAffected, key);
        await transaction.CommitAsync();
        _cache[key] = (readEtag + 1, written);
    }

    private static async Task<(long Etag, string Json)> ReadAsync(NpgsqlBatch batch, string key, (long Etag, string Json) cached)
    {
        await using var reader = await batch.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) throw new InvalidOperationException($"Grain {key} was not primed.");
        var etag = reader.GetInt64(0);
        var json = etag == cached.Etag ? cached.Json : reader.GetString(1);
        return (etag, json);
    }

    private static NpgsqlBatchCommand SelectCommand(string key, long cachedEtag)
    {
        var command = new NpgsqlBatchCommand(Select);
        command.Parameters.AddWithValue("c", cachedEtag);
        command.Parameters.AddWithValue("t", BenchNode.GrainType);
        command.Parameters.AddWithValue("k", key);
        return command;
    }

    private static NpgsqlBatchCommand UpdateCommand(string key, long etag, string json, out string next)
    {
        var state = JsonSerializer.Deserialize<BenchCounterState>(json, RuntimeJson.Options) ?? new BenchCounterState();
        state.Count++;
        next = JsonSerializer.Serialize(state, RuntimeJson.Options);
        var command = new NpgsqlBatchCommand(Update);
        command.Parameters.AddWithValue("n", etag + 1);
        command.Parameters.AddWithValue("s", next);
        command.Parameters.AddWithValue("now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("t", BenchNode.GrainType);
        command.Parameters.AddWithValue("k", key);
        command.Parameters.AddWithValue("e", etag);
        return command;
    }

    private static void Check(int rows, string key)
    {
        if (rows != 1) throw new InvalidOperationException($"Grain {key} changed under its row lock.");
    }

    public ValueTask DisposeAsync() => source.DisposeAsync();
}
