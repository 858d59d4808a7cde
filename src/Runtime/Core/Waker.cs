using HttmOrleans.Runtime.Storage;
using HttmOrleans.Storage;

namespace HttmOrleans.Runtime.Core;

/// <summary>Lets a polling loop sleep until its next deadline or until a signal on one of its topics arrives.</summary>
internal sealed class Waker : IDisposable
{
    private readonly IDisposable _subscription;
    private TaskCompletionSource _signal = NewSource();

    public Waker(SignalBus bus, params string[] topics)
    {
        var wanted = new HashSet<string>(topics, StringComparer.Ordinal);
        _subscription = bus.Subscribe((topic, _) =>
        {
            if (wanted.Contains(topic)) Wake();
        });
    }

    public void Wake() => Volatile.Read(ref _signal).TrySetResult();

    /// <summary>Waits up to <paramref name="timeout"/>; returns early on a signal that came since the last wait.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var signal = Volatile.Read(ref _signal);
        if (timeout > TimeSpan.Zero && !signal.Task.IsCompleted)
        {
            try
            {
                await signal.Task.WaitAsync(timeout, ct);
            }
            catch (TimeoutException)
            {
            }
        }
        Interlocked.CompareExchange(ref _signal, NewSource(), signal);
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose() => _subscription.Dispose();
}
