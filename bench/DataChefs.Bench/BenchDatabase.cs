using HttmOrleans.DataChefs.Snapshots;
using HttmOrleans.Grains.Datasets;
using Npgsql;

namespace HttmOrleans.DataChefs.Bench;

/// <summary>A throwaway database with the dataset tables and a plain table for the <c>\copy</c> baseline.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name = "datachefs_bench_" + Guid.NewGuid().ToString("N")[..10];

    private BenchDatabase(string admin)
    {
        _admin = admin;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public SnapshotDatabase Snapshots => new(async ct =>
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }, "postgres");

    public static async Task<BenchDatabase> CreateAsync(string admin)
    {
        var database = new BenchDatabase(admin);
        await ExecuteAsync(admin, $"CREATE DATABASE {database._name}");
        var schema = string.Join(";\n", DatasetMigrations.All.Postgres.Concat(DataChefTables.Migrations.Postgres).Select(m => m.Sql));
        await ExecuteAsync(database.ConnectionString, schema + ";\nCREATE TABLE copy_baseline (user_id text, item_id text, rating real, ts bigint);");
        return database;
    }

    public Task ExecuteAsync(string sql) => ExecuteAsync(ConnectionString, sql);

    public async Task<string> ServerVersionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await using (connection)
        {
            await connection.OpenAsync();
            return connection.PostgreSqlVersion.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        var connection = new NpgsqlConnection(connectionString);
        await using (connection)
        {
            await connection.OpenAsync();
            var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await using (command)
            {
                await command.ExecuteNonQueryAsync();
            }
        }
    }
}
