using System.Data.Common;

namespace HttmOrleans.Storage;

/// <summary>What differs between PostgreSQL and SQLite: opening connections, writers, locks, SQL fragments.</summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    public abstract string Provider { get; }

    /// <summary>The dialect for <paramref name="provider"/> (<c>postgres</c> or <c>sqlite</c>) on <paramref name="connectionString"/>.</summary>
    public static SqlDialect Create(string provider, string connectionString) => provider switch
    {
        "postgres" => new PostgresDialect(connectionString),
        "sqlite" => new SqliteDialect(connectionString),
        _ => throw new ArgumentException($"Unknown database provider '{provider}': expected 'postgres' or 'sqlite'.", nameof(provider)),
    };
    public abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>Serializes writers where the database allows only one (SQLite). A no-op on PostgreSQL.</summary>
    public abstract ValueTask<IDisposable> EnterWriteAsync(CancellationToken ct);

    /// <summary>Makes concurrent starters apply migrations one at a time.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    protected sealed class NoLock : IDisposable
    {
        public static readonly NoLock Instance = new();
        public void Dispose() { }
    }
}
