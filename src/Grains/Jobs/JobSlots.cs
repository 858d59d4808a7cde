namespace HttmOrleans.Grains.Jobs;

/// <summary>
/// This silo's job slots (<see cref="GrainsOptions.MaxConcurrentJobs"/>): worker grains are placed by
/// capability, not by load, so a silo asked for more jobs than it has cores for queues them here and
/// says so in the job's progress.
/// </summary>
public sealed class JobSlots(GrainsOptions options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentJobs, options.MaxConcurrentJobs);

    /// <summary>Takes a slot, reporting the wait when none is free; dispose the result to give it back.</summary>
    public async Task<IDisposable> EnterAsync(JobContext context, CancellationToken cancellationToken)
    {
        if (!await _slots.WaitAsync(0, cancellationToken))
        {
            await context.ReportProgressAsync(0, $"waiting for a free job slot on silo {context.SiloId} ({options.MaxConcurrentJobs} busy)",
                new ProgressDetails { Phase = "preparing" }.ToJson(), force: true);
            await _slots.WaitAsync(cancellationToken);
        }

        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
