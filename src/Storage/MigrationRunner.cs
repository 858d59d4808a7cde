using Microsoft.Extensions.Logging;

namespace HttmOrleans.Storage;

/// <summary>
/// Applies versioned migrations in one transaction. On PostgreSQL the dialect takes an advisory
/// lock first, so nodes starting at once apply each version exactly once; the others wait and
/// then find it recorded in <c>schema_migrations</c>.
/// </summary>
internal static class MigrationRunner
{
    public static async Task ApplyAsync(SqlDialect dialect, IEnumerable<(string Module, Migration Migration)> migrations, ILogger logger, CancellationToken ct)
    {
        var all = migrations.ToList();
        var clash = all.GroupBy(x => x.Migration.Version).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new InvalidOperationException($"Migration version {clash.Key} is claimed by {string.Join(" and ", clash.Select(x => x.Module))}.");

        using (await dialect.EnterWriteAsync(ct))
        {
            await using var connection = await dialect.OpenAsync(ct);
            if (dialect.Provider == "sqlite")
            {
                await using var wal = Sql.Command(connection, null, "PRAGMA journal_mode=WAL");
                await wal.ExecuteNonQueryAsync(ct);
            }
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await dialect.LockForMigrationAsync(connection, transaction, ct);
            await using (var create = Sql.Command(connection, transaction,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)"))
                await create.ExecuteNonQueryAsync(ct);

            var applied = new HashSet<long>();
            await using (var read = Sql.Command(connection, transaction, "SELECT version FROM schema_migrations"))
            await using (var reader = await read.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) applied.Add(reader.GetInt64(0));

            foreach (var (module, migration) in all.OrderBy(x => x.Migration.Version))
            {
                if (applied.Contains(migration.Version)) continue;
                logger.LogInformation("Applying {Provider} migration {Module} {Version}: {Name}", dialect.Provider, module, migration.Version, migration.Name);
                await using (var step = Sql.Command(connection, transaction, migration.Sql)) await step.ExecuteNonQueryAsync(ct);
                await using var record = Sql.Command(connection, transaction,
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @t)",
                    ("@v", (long)migration.Version), ("@n", migration.Name), ("@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                await record.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
    }
}
