using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HttmOrleans.Storage;

/// <summary>
/// Applies module migration sets to a database on a connection of its own, e.g. the Orleans
/// tables before a silo starts. Every caller shares <c>schema_migrations</c> and the PostgreSQL
/// advisory lock, so nodes starting at once apply each version once.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>
    /// Applies every version of <paramref name="sets"/> not yet recorded, in version order, in one
    /// transaction. <paramref name="provider"/> is <c>postgres</c> or <c>sqlite</c>.
    /// </summary>
    public static async Task ApplyAsync(string provider, string connectionString, IEnumerable<MigrationSet> sets, CancellationToken ct, ILogger? logger = null)
    {
        await using var dialect = SqlDialect.Create(provider, connectionString);
        await MigrationRunner.ApplyAsync(dialect, sets.SelectMany(set => set.For(provider).Select(m => (set.Module, m))), logger ?? NullLogger.Instance, ct);
    }
}
