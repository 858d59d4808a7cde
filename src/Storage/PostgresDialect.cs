using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HttmOrleans.Storage;

internal sealed class PostgresDialect : SqlDialect
{
    public const string Channel = "httm";
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _listenGate = new();
    private Task? _listener;

    public PostgresDialect(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Callers run the same few statements over and over: let Npgsql prepare them.
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 64;
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        _connectionString = builder.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(_connectionString);
    }

    public override string Provider => "postgres";
    public override string SkipLocked => " FOR UPDATE SKIP LOCKED";
    public override string ForUpdate => " FOR UPDATE";
    public override string? NotifySql => $"SELECT pg_notify('{Channel}', @notify)";

    public override async Task<DbConnection> OpenAsync(CancellationToken ct) => await _dataSource.OpenConnectionAsync(ct);

    public override ValueTask<IDisposable> EnterWriteAsync(CancellationToken ct) => ValueTask.FromResult<IDisposable>(NoLock.Instance);

    public override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = Sql.Command(connection, transaction, "SELECT pg_advisory_xact_lock(72747001)");
        await command.ExecuteNonQueryAsync(ct);
    }

    public override void StartListening(SignalBus bus, ILogger logger, IReadOnlyList<string> wakeOnConnect)
    {
        lock (_listenGate) _listener ??= Task.Run(() => ListenAsync(bus, logger, wakeOnConnect, _stop.Token));
    }

    private async Task ListenAsync(SignalBus bus, ILogger logger, IReadOnlyList<string> wakeOnConnect, CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                // A dedicated connection outside the pool: LISTEN belongs to one session.
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, e) =>
                {
                    var split = e.Payload.IndexOf('|', StringComparison.Ordinal);
                    if (split > 0) bus.RaiseLocal(e.Payload[..split], e.Payload[(split + 1)..]);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(ct);
                // Anything signalled while we were not listening: wake every poller once.
                foreach (var topic in wakeOnConnect) bus.RaiseLocal(topic, "");
                delay = TimeSpan.FromMilliseconds(200);
                while (!ct.IsCancellationRequested) await connection.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Lost the PostgreSQL LISTEN connection; reconnecting in {Delay}", delay);
                try { await Task.Delay(delay, ct); } catch (OperationCanceledException) { return; }
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_listener is not null)
        {
            try { await _listener; } catch (OperationCanceledException) { }
        }
        await _dataSource.DisposeAsync();
        _stop.Dispose();
    }
}
