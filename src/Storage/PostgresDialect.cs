using System.Data.Common;
using Npgsql;

namespace HttmOrleans.Storage;

internal sealed class PostgresDialect : SqlDialect
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDialect(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Callers run the same few statements over and over: let Npgsql prepare them.
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 64;
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public override string Provider => "postgres";

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await _dataSource.OpenConnectionAsync(ct);

    public override ValueTask<IDisposable> EnterWriteAsync(CancellationToken ct) => ValueTask.FromResult<IDisposable>(NoLock.Instance);

    public override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = Sql.Command(connection, transaction, "SELECT pg_advisory_xact_lock(72747001)");
        await command.ExecuteNonQueryAsync(ct);
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
