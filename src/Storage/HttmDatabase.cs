using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HttmOrleans.Storage;

/// <summary>
/// The database modules keep their own rows in (dataset samples, snapshots, artifacts, chef rows).
/// A host that runs more than one part on the database builds it once and shares it, so all of them
/// use one connection pool and, on SQLite, one write gate.
/// </summary>
public sealed class HttmDatabase : IAsyncDisposable
{
    private readonly SqlDialect _dialect;
    private readonly ILogger _logger;

    private HttmDatabase(SqlDialect dialect, ILogger? logger)
    {
        _dialect = dialect;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Opens its own pool on <paramref name="connectionString"/>; <paramref name="provider"/> is
    /// <c>postgres</c> or <c>sqlite</c>. Dispose it to close the pool.
    /// </summary>
    public static HttmDatabase Create(string provider, string connectionString, ILogger? logger = null) =>
        new(SqlDialect.Create(provider, connectionString), logger);

    /// <summary><c>postgres</c> or <c>sqlite</c>.</summary>
    public string Provider => _dialect.Provider;

    /// <summary>True on PostgreSQL.</summary>
    public bool IsPostgres => _dialect.Provider == "postgres";

    /// <summary>An open connection from the pool; dispose it when done.</summary>
    public Task<DbConnection> OpenAsync(CancellationToken ct) => _dialect.OpenAsync(ct);

    /// <summary>
    /// SQLite allows one writer: hold this around a write transaction so it queues behind the
    /// other writers sharing this database instead of failing with SQLITE_BUSY. A no-op on PostgreSQL.
    /// </summary>
    public ValueTask<IDisposable> EnterWriteAsync(CancellationToken ct) => _dialect.EnterWriteAsync(ct);

    /// <summary>Applies every version of <paramref name="sets"/> not yet recorded in <c>schema_migrations</c>.</summary>
    public Task MigrateAsync(IEnumerable<MigrationSet> sets, CancellationToken ct) =>
        MigrationRunner.ApplyAsync(_dialect, sets.SelectMany(set => set.For(Provider).Select(m => (set.Module, m))), _logger, ct);

    /// <summary>Adds a named parameter to <paramref name="command"/> (null becomes DBNull).</summary>
    public static void AddParameter(DbCommand command, string name, object? value) => Sql.Add(command, name, value);

    /// <summary>A command on <paramref name="connection"/> with parameters.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string text, params (string Name, object? Value)[] parameters) =>
        Sql.Command(connection, transaction, text, parameters);

    public ValueTask DisposeAsync() => _dialect.DisposeAsync();
}
