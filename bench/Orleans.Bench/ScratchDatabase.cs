using Microsoft.Data.Sqlite;
using Npgsql;

namespace HttmOrleans.OrleansBench;

/// <summary>A database the bench creates for one run and removes afterwards, even when the run fails.</summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string? _postgresAdmin;

    private ScratchDatabase(string connectionString, string? postgresAdmin)
    {
        ConnectionString = connectionString;
        _postgresAdmin = postgresAdmin;
    }

    public string ConnectionString { get; }

    /// <summary>A new database on the server of <paramref name="admin"/>, with a pool of at least <paramref name="minPoolSize"/>.</summary>
    public static async Task<ScratchDatabase> CreatePostgresAsync(string admin, string prefix, int minPoolSize)
    {
        var name = $"{prefix}_{Guid.NewGuid().ToString("N")[..10]}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        // A caller waiting for a pooled connection would measure the pool, not the database.
        if (builder.MaxPoolSize < minPoolSize) builder.MaxPoolSize = minPoolSize;
        return new ScratchDatabase(builder.ConnectionString, admin);
    }

    public static ScratchDatabase CreateSqlite() =>
        new("Data Source=" + Path.Combine(Path.GetTempPath(), $"httm-orleans-bench-{Guid.NewGuid():N}.db"), null);

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
