using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HttmOrleans.Runtime.Storage;

/// <summary>
/// Applies module migration sets to a database without starting the grain runtime, e.g. the
/// Orleans tables before a silo starts. Shares <c>schema_migrations</c> and the PostgreSQL
/// advisory lock with the runtime's own start-up migrations.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>
    /// Applies every version of <paramref name="sets"/> not yet recorded, in version order, in one
    /// transaction. <paramref name="provider"/> is <c>postgres</c> or <c>sqlite</c>.
    /// </summary>
    public static async Task ApplyAsync(string provider, string connectionString, IEnumerable<MigrationSet> sets, CancellationToken ct, ILogger? logger = null)
    {
        SqlDialect dialect = provider switch
        {
            "postgres" => new PostgresDialect(connectionString),
            "sqlite" => new SqliteDialect(connectionString),
            _ => throw new ArgumentException($"Unknown database provider '{provider}': expected 'postgres' or 'sqlite'.", nameof(provider)),
        };
        await using (dialect)
            await MigrationRunner.ApplyAsync(dialect, sets.SelectMany(set => set.For(provider).Select(m => (set.Module, m))), logger ?? NullLogger.Instance, ct);
    }
}
