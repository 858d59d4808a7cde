using Npgsql;

namespace HttmOrleans.Cluster.Tests.Infrastructure;

/// <summary>A throwaway database on the PostgreSQL server at HTTM_TEST_PG, dropped (with its connections) on dispose.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string ServerVariable = "HTTM_TEST_PG";

    private PostgresDatabase(string connectionString) => ConnectionString = connectionString;

    /// <summary>For the hosts' <c>--db</c>.</summary>
    public string ConnectionString { get; }

    private static string Server =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value ? value
        : throw new InvalidOperationException(
            $"{ServerVariable} is not set. It must hold an admin connection string to a PostgreSQL server, " +
            "e.g. Host=127.0.0.1;Port=5432;Username=postgres. .ci/run starts a throwaway server and sets it.");

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var name = "httm_c_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(Server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new PostgresDatabase(new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
