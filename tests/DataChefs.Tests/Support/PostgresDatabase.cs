using Npgsql;

namespace HttmOrleans.DataChefs.Tests.Support;

/// <summary>A uniquely named database for one test class, dropped afterwards.</summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private readonly string _name = "datachefs_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var admin = TestServices.PostgresAdmin;
        var connection = new NpgsqlConnection(admin);
        await using (connection)
        {
            await connection.OpenAsync();
            var create = new NpgsqlCommand($"CREATE DATABASE {_name}", connection);
            await using (create)
            {
                await create.ExecuteNonQueryAsync();
            }
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _name, Pooling = false }.ConnectionString;
    }

    public async Task ExecuteAsync(string sql)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await using (connection)
        {
            await connection.OpenAsync();
            var command = new NpgsqlCommand(sql, connection);
            await using (command)
            {
                await command.ExecuteNonQueryAsync();
            }
        }
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await using (connection)
        {
            await connection.OpenAsync();
            var command = new NpgsqlCommand(sql, connection);
            await using (command)
            {
                return await command.ExecuteScalarAsync();
            }
        }
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var connection = new NpgsqlConnection(TestServices.PostgresAdmin);
        await using (connection)
        {
            await connection.OpenAsync();
            var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
            await using (drop)
            {
                await drop.ExecuteNonQueryAsync();
            }
        }
    }
}
