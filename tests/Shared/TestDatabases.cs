using Npgsql;

namespace HttmOrleans.Tests.Shared;

/// <summary>
/// Fresh, throwaway databases for every test project (linked in, one copy): a SQLite file in a temp
/// folder, or a database on the PostgreSQL server at HTTM_TEST_PG (which .ci/run starts).
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "HTTM_TEST_PG";

    public static string PostgresAdmin =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value
        : throw new InvalidOperationException(
            $"{PostgresVariable} is not set. It must hold an admin connection string to a PostgreSQL server, " +
            "e.g. Host=127.0.0.1;Port=5432;Username=postgres. .ci/run starts a throwaway server and sets it.");

    /// <summary>A new database: <c>postgres</c> on the test server, or <c>sqlite</c> in a temp file.</summary>
    public static Task<string> CreateAsync(string provider) =>
        provider == "postgres" ? CreatePostgresAsync() : Task.FromResult(CreateSqlite());

    public static Task DropAsync(string provider, string connectionString)
    {
        if (provider == "postgres") return DropPostgresAsync(connectionString);
        DropSqlite(connectionString);
        return Task.CompletedTask;
    }

    public static async Task<string> CreatePostgresAsync()
    {
        var name = "httm_t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(PostgresAdmin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        // Bounded, so many nodes of one test run stay under the server's max_connections.
        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name, MaxPoolSize = 60 }.ConnectionString;
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

    public static string CreateSqlite()
    {
        var folder = Path.Combine(Path.GetTempPath(), "httm-tests");
        Directory.CreateDirectory(folder);
        return "Data Source=" + Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db");
    }

    public static void DropSqlite(string connectionString)
    {
        var path = connectionString["Data Source=".Length..];
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }
}
