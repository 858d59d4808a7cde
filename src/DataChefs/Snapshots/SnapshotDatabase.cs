using System.Data.Common;
using HttmOrleans.Storage;

namespace HttmOrleans.DataChefs.Snapshots;

/// <summary>
/// The database snapshot rows go to: how to open a connection, which dialect, and the SQLite
/// single-writer gate. The host builds it from its <see cref="HttmDatabase"/>; tests and tools
/// from a connection string.
/// </summary>
public sealed class SnapshotDatabase
{
    private readonly Func<CancellationToken, Task<DbConnection>> _open;
    private readonly Func<CancellationToken, ValueTask<IDisposable>>? _enterWrite;

    /// <summary>Creates a handle.</summary>
    /// <param name="open">Opens a connection (from a pool); the caller disposes it.</param>
    /// <param name="provider"><c>postgres</c> or <c>sqlite</c>.</param>
    /// <param name="enterWrite">
    /// SQLite's single-writer gate, held around each write transaction so a sink queues behind
    /// grain turns instead of failing busy; null when nothing else writes.
    /// </param>
    public SnapshotDatabase(Func<CancellationToken, Task<DbConnection>> open, string provider, Func<CancellationToken, ValueTask<IDisposable>>? enterWrite = null)
    {
        if (provider is not ("postgres" or "sqlite"))
        {
            throw new ArgumentException($"Unknown provider '{provider}'; use 'postgres' or 'sqlite'.", nameof(provider));
        }

        _open = open;
        Provider = provider;
        _enterWrite = enterWrite;
    }

    /// <summary><c>postgres</c> or <c>sqlite</c>.</summary>
    public string Provider { get; }

    /// <summary>True on PostgreSQL.</summary>
    public bool IsPostgres => Provider == "postgres";

    /// <summary>The runtime's database, with its pool and write gate.</summary>
    public static SnapshotDatabase From(HttmDatabase database) =>
        new(database.OpenAsync, database.Provider, database.EnterWriteAsync);

    /// <summary>An open connection; dispose it when done.</summary>
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => _open(cancellationToken);

    /// <summary>Holds the write gate until disposed (a no-op without one).</summary>
    public ValueTask<IDisposable> EnterWriteAsync(CancellationToken cancellationToken) =>
        _enterWrite?.Invoke(cancellationToken) ?? ValueTask.FromResult<IDisposable>(NoGate.Instance);

    private sealed class NoGate : IDisposable
    {
        public static readonly NoGate Instance = new();

        public void Dispose()
        {
        }
    }
}
