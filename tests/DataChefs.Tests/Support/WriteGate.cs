namespace HttmOrleans.DataChefs.Tests.Support;

/// <summary>A single-writer gate like the runtime's SQLite one, counting how it is used.</summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private int _entries;

    public int Entries => Volatile.Read(ref _entries);

    public bool IsHeld => _semaphore.CurrentCount == 0;

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken);
        Interlocked.Increment(ref _entries);
        return new Release(_semaphore);
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
