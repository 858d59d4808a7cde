using HttmOrleans.Hosting.Storage;
using HttmOrleans.Hosting.Tests.Infrastructure;
using HttmOrleans.Storage;

namespace HttmOrleans.Hosting.Tests;

public sealed class OrleansMigrationTests
{
    private static readonly string[] StorageAndReminderKeys =
    [
        "ClearStorageKey", "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadFromStorageKey", "ReadRangeRows1Key",
        "ReadRangeRows2Key", "ReadReminderRowKey", "ReadReminderRowsKey", "UpsertReminderRowKey", "WriteToStorageKey",
    ];

    private static readonly string[] ClusteringKeys =
    [
        "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "InsertMembershipKey",
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
    ];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Applying_the_orleans_migrations_twice_leaves_one_set_of_tables_and_queries(string provider)
    {
        var database = await TestDatabases.CreateAsync(provider);
        try
        {
            await DatabaseMigrator.ApplyAsync(provider, database, [OrleansMigrations.Set], CancellationToken.None);
            await DatabaseMigrator.ApplyAsync(provider, database, [OrleansMigrations.Set], CancellationToken.None);

            var keys = await Sql.ColumnAsync(provider, database, "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey");
            var expected = provider == "postgres" ? StorageAndReminderKeys.Concat(ClusteringKeys) : StorageAndReminderKeys;
            Assert.Equal(expected.Order(StringComparer.Ordinal), keys);
            var versions = await Sql.ColumnAsync(provider, database, "SELECT version FROM schema_migrations ORDER BY version");
            Assert.Equal(OrleansMigrations.Set.For(provider).Select(m => m.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), versions);
        }
        finally
        {
            await TestDatabases.DropAsync(provider, database);
        }
    }

    [Fact]
    public async Task Three_nodes_migrating_one_fresh_PostgreSQL_database_at_once_all_succeed_with_one_set_of_rows()
    {
        var database = await TestDatabases.CreatePostgresAsync();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
                Task.Run(() => DatabaseMigrator.ApplyAsync("postgres", database, [OrleansMigrations.Set], CancellationToken.None))));

            Assert.Equal(StorageAndReminderKeys.Length + ClusteringKeys.Length,
                await Sql.ScalarAsync<int>("postgres", database, "SELECT COUNT(*) FROM OrleansQuery"));
            Assert.Equal(OrleansMigrations.Set.Postgres.Count,
                await Sql.ScalarAsync<int>("postgres", database, "SELECT COUNT(*) FROM schema_migrations WHERE version BETWEEN 3000 AND 3999"));
        }
        finally
        {
            await TestDatabases.DropPostgresAsync(database);
        }
    }

    [Fact]
    public void The_orleans_versions_stay_inside_their_range_on_both_dialects()
    {
        var versions = OrleansMigrations.Set.Postgres.Concat(OrleansMigrations.Set.Sqlite).Select(m => m.Version).ToList();
        Assert.All(versions, v => Assert.InRange(v, 3000, 3999));
        // SQLite skips the clustering version; every version it has means the same step on PostgreSQL.
        Assert.All(OrleansMigrations.Set.Sqlite, m => Assert.Equal(m.Name, OrleansMigrations.Set.Postgres.Single(p => p.Version == m.Version).Name));
    }
}
