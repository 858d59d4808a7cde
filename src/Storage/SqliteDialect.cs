using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace HttmOrleans.Storage;

/// <summary>
/// The embedded default: one file, one process. SQLite allows one writer per file, so writers
/// queue on an in-process gate instead of spinning on SQLITE_BUSY.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteDialect(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 };
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _connectionString = builder.ConnectionString;
    }

    public override string Provider => "sqlite";

    public override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var pragma = Sql.Command(connection, null, "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;");
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    public override async ValueTask<IDisposable> EnterWriteAsync(CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        return new Releaser(_writeGate);
    }

    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct) => Task.CompletedTask;

    public override ValueTask DisposeAsync()
    {
        _writeGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
