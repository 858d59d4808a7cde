using System.Data.Common;

namespace HttmOrleans.Runtime.Storage;

/// <summary>
/// The database the runtime runs on, for modules that keep rows outside grain state
/// (dataset samples, snapshots, artifacts). Same connection pool, same SQLite write gate.
/// </summary>
public sealed class HttmDatabase
{
    private readonly IRuntimeStore _store;
    private readonly SqlDialect _dialect;

    internal HttmDatabase(IRuntimeStore store)
    {
        _store = store;
        _dialect = ((SqlRuntimeStore)store).Dialect;
    }

    /// <summary><c>postgres</c> or <c>sqlite</c>.</summary>
    public string Provider => _dialect.Provider;

    /// <summary>True on PostgreSQL.</summary>
    public bool IsPostgres => _dialect.Provider == "postgres";

    /// <summary>Cluster-wide wake-ups: PostgreSQL NOTIFY, or in-process on SQLite.</summary>
    public SignalBus Signals => _store.Signals;

    /// <summary>An open connection from the pool; dispose it when done.</summary>
    public Task<DbConnection> OpenAsync(CancellationToken ct) => _dialect.OpenAsync(ct);

    /// <summary>
    /// SQLite allows one writer: hold this around a write transaction so it queues behind
    /// grain turns instead of failing with SQLITE_BUSY. A no-op on PostgreSQL.
    /// </summary>
    public ValueTask<IDisposable> EnterWriteAsync(CancellationToken ct) => _dialect.EnterWriteAsync(ct);

    /// <summary>Sends <paramref name="payload"/> on <paramref name="topic"/> to every node (and this one).</summary>
    public async Task SignalAsync(string topic, string payload, CancellationToken ct)
    {
        if (_dialect.NotifySql is { } notify)
        {
            await using var connection = await _dialect.OpenAsync(ct);
            await using var command = Sql.Command(connection, null, notify, ("@notify", topic + "|" + payload));
            await command.ExecuteNonQueryAsync(ct);
        }
        else
        {
            _store.Signals.RaiseLocal(topic, payload);
        }
    }

    /// <summary>Adds a named parameter to <paramref name="command"/> (null becomes DBNull).</summary>
    public static void AddParameter(DbCommand command, string name, object? value) => Sql.Add(command, name, value);

    /// <summary>A command on <paramref name="connection"/> with parameters.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string text, params (string Name, object? Value)[] parameters) =>
        Sql.Command(connection, transaction, text, parameters);
}
