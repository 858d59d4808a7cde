using Microsoft.Data.Sqlite;
using Npgsql;

namespace HttmOrleans.Runtime.Bench;

/// <summary>A database the bench creates for one run and removes afterwards, even when the run fails.</summary>
internal sealed class ThrowawayDatabase : IAsyncDisposable
{
    private readonly string? _postgresAdmin;

    private ThrowawayDatabase(string connectionString, string? postgresAdmin)
    {
        ConnectionString = connectionString;
        _postgresAdmin = postgresAdmin;
    }

    public string ConnectionString { get; }

    public static async Task<ThrowawayDatabase> CreatePostgresAsync(string admin, string prefix, int poolSize)
    {
        var name = $"{prefix}_{Guid.NewGuid().ToString("N")[..10]}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = poolSize };
        return new ThrowawayDatabase(builder.ConnectionString, admin);
    }

    public static ThrowawayDatabase CreateSqlite() =>
        new("Data Source=" + Path.Combine(Path.GetTempPath(), $"httm-bench-{Guid.NewGuid():N}.db"), null);

    public async ValueTask DisposeAsync()
    {
        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            return;
        }
        SqliteConnection.ClearAllPools();
        var path = ConnectionString["Data Source=".Length..];
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }
}
