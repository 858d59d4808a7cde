using System.Data.Common;
using HttmOrleans.DataChefs.Snapshots;
using HttmOrleans.Grains.Datasets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HttmOrleans.DataChefs.Tests.Support;

/// <summary>
/// The two databases snapshot sinks run on, migrated with the grains' and the data chefs' sets:
/// a SQLite file and a throwaway PostgreSQL database for the test class.
/// </summary>
public sealed class SnapshotStores : IAsyncLifetime
{
    private readonly PostgresDatabase _postgres = new();
    private readonly TempDirectory _folder = new();

    public WriteGate SqliteGate { get; } = new();

    public string SqliteConnectionString { get; private set; } = string.Empty;

    public string PostgresConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        SqliteConnectionString = new SqliteConnectionStringBuilder { DataSource = System.IO.Path.Combine(_folder.Path, "httm.db") }.ToString();
        await _postgres.InitializeAsync();
        PostgresConnectionString = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { Pooling = true }.ConnectionString;
        await MigrateAsync("sqlite", SqliteConnectionString, "PRAGMA journal_mode = WAL;");
        await MigrateAsync("postgres", PostgresConnectionString, null);
    }

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (PostgresConnectionString.Length > 0)
        {
            await _postgres.DisposeAsync();
        }

        _folder.Dispose();
    }

    /// <summary>The handle a sink gets, as the host would build it from its runtime database.</summary>
    public SnapshotDatabase Database(string provider) => provider == "postgres"
        ? Postgres(PostgresConnectionString)
        : Sqlite(SqliteConnectionString, SqliteGate.EnterAsync);

    public static SnapshotDatabase Postgres(string connectionString) =>
        new(async ct => await OpenAsync(new NpgsqlConnection(connectionString), ct), "postgres");

    public static SnapshotDatabase Sqlite(string connectionString, Func<CancellationToken, ValueTask<IDisposable>>? gate = null) =>
        new(async ct => await OpenAsync(new SqliteConnection(connectionString), ct), "sqlite", gate);

    public async Task<object?> ScalarAsync(string provider, string sql)
    {
        var connection = await Database(provider).OpenAsync(CancellationToken.None);
        await using (connection)
        {
            var command = connection.CreateCommand();
            await using (command)
            {
                command.CommandText = sql;
                return await command.ExecuteScalarAsync();
            }
        }
    }

    public async Task<List<object?[]>> RowsAsync(string provider, string sql)
    {
        var rows = new List<object?[]>();
        var connection = await Database(provider).OpenAsync(CancellationToken.None);
        await using (connection)
        {
            var command = connection.CreateCommand();
            await using (command)
            {
                command.CommandText = sql;
                var reader = await command.ExecuteReaderAsync();
                await using (reader)
                {
                    while (await reader.ReadAsync())
                    {
                        var row = new object?[reader.FieldCount];
                        for (var i = 0; i < row.Length; i++)
                        {
                            row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                        }

                        rows.Add(row);
                    }
                }
            }
        }

        return rows;
    }

    private static async Task<DbConnection> OpenAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task MigrateAsync(string provider, string connectionString, string? prelude)
    {
        var database = provider == "postgres" ? Postgres(connectionString) : Sqlite(connectionString);
        var connection = await database.OpenAsync(CancellationToken.None);
        await using (connection)
        {
            var migrations = DatasetMigrations.All.For(provider).Concat(DataChefTables.Migrations.For(provider));
            foreach (var sql in new[] { prelude }.Concat(migrations.Select(m => m.Sql)).OfType<string>())
            {
                var command = connection.CreateCommand();
                await using (command)
                {
                    command.CommandText = sql;
                    await command.ExecuteNonQueryAsync();
                }
            }
        }
    }
}
