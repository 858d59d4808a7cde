using Npgsql;

namespace HttmOrleans.Grains.Tests.Infrastructure;

/// <summary>Throwaway databases on the PostgreSQL server at HTTM_TEST_PG.</summary>
public static class TestDatabases
{
    public const string PostgresVariable = "HTTM_TEST_PG";

    public static string PostgresAdmin =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value
        : throw new InvalidOperationException(
            $"{PostgresVariable} is not set. It must hold an admin connection string to a PostgreSQL server, " +
            "e.g. Host=127.0.0.1;Port=5432;Username=postgres. .ci/run starts a throwaway server and sets it.");

    public static async Task<string> CreatePostgresAsync()
    {
        var name = "httm_g_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(PostgresAdmin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name }.ConnectionString;
    }

    public static async Task DropPostgresAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresAdmin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
