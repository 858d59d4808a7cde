using System.Data.Common;
using Microsoft.Extensions.Logging;

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
    /// <summary>Appended to the inner SELECT of a claim so concurrent claimers skip each other's rows.</summary>
    public abstract string SkipLocked { get; }

    /// <summary>Appended to the SELECT that starts a write turn, locking the grain row until commit.</summary>
    public abstract string ForUpdate { get; }

    /// <summary>SQL that publishes a signal at commit (PostgreSQL NOTIFY), or null where signals stay in-process.</summary>
    public abstract string? NotifySql { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>Serializes writers where the database allows only one (SQLite). A no-op on PostgreSQL.</summary>
    public abstract ValueTask<IDisposable> EnterWriteAsync(CancellationToken ct);

    /// <summary>Makes concurrent starters apply migrations one at a time.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct);

    /// <summary>
    /// Starts forwarding other nodes' signals into <paramref name="bus"/>; on every (re)connect each
    /// of <paramref name="wakeOnConnect"/> is raised once, for what may have been missed meanwhile.
    /// Idempotent.
    /// </summary>
    public virtual void StartListening(SignalBus bus, ILogger logger, IReadOnlyList<string> wakeOnConnect) { }

    public abstract ValueTask DisposeAsync();

    protected sealed class NoLock : IDisposable
    {
        public static readonly NoLock Instance = new();
        public void Dispose() { }
    }
}
