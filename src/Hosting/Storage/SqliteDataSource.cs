using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace HttmOrleans.Hosting.Storage;

/// <summary>
/// Hands the ADO.NET providers SQLite connections set up for concurrent writers: Orleans writes
/// grain state and reminders from many activations at once, and SQLite allows one writer per
/// file. The file is in WAL mode (set by the migrations, it persists), so readers never wait;
/// writers wait on <c>busy_timeout</c> instead of failing with SQLITE_BUSY.
/// </summary>
internal sealed class SqliteDataSource : DbDataSource
{
    private readonly string _connectionString;

    public SqliteDataSource(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 };
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _connectionString = builder.ConnectionString;
    }

    public override string ConnectionString => _connectionString;

    protected override DbConnection CreateDbConnection() => new SqliteConnection(_connectionString);

    protected override DbConnection OpenDbConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = Pragmas;
        pragma.ExecuteNonQuery();
        return connection;
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = Pragmas;
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    // NORMAL is durable in WAL mode except for the last commits on power loss, at a fraction of FULL's fsyncs.
    private const string Pragmas = "PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL;";
}
