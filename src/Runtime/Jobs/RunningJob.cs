using HttmOrleans.Runtime.Storage;

namespace HttmOrleans.Runtime.Jobs;

/// <summary>Why a running job's token fired.</summary>
internal enum JobStopReason
{
    None,
    Cancelled,
    Shutdown,
    LeaseLost,
}

/// <summary>A job this node is running: its claim, its cancellation and the reason it was stopped.</summary>
internal sealed class RunningJob(ClaimedJob job) : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private int _reason;
    private TaskCompletionSource _poke = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ClaimedJob Job { get; } = job;
    public CancellationToken Token => _cancellation.Token;
    public JobStopReason Reason => (JobStopReason)Volatile.Read(ref _reason);
    public Task? Completion { get; set; }
    public long LastOwnerProgressAt { get; set; }
    public long LastRowProgressAt { get; set; }

    /// <summary>Stops the job for the first reason given; later reasons do not override it.</summary>
    public void Stop(JobStopReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)JobStopReason.None) == (int)JobStopReason.None)
        {
            try { _cancellation.Cancel(); } catch (ObjectDisposedException) { }
        }
    }

    /// <summary>Makes the heartbeat loop look at the job row now (a cancel signal arrived).</summary>
    public void Poke() => Volatile.Read(ref _poke).TrySetResult();

    public async Task WaitForPokeAsync(TimeSpan timeout, CancellationToken ct)
    {
        var poke = Volatile.Read(ref _poke);
        try { await poke.Task.WaitAsync(timeout, ct); } catch (TimeoutException) { }
        Interlocked.CompareExchange(ref _poke, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), poke);
    }

    public void Dispose() => _cancellation.Dispose();
}
