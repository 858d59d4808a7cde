namespace HttmOrleans.Recommend.Numerics;

/// <summary>
/// A sense-reversing barrier that spins (yielding, never sleeping a whole millisecond) for rounds that last tens of
/// microseconds, where <see cref="Barrier"/>'s kernel waits would cost more than the work.
/// </summary>
internal sealed class SpinBarrier(int participants)
{
    private readonly int _participants = participants;
    private int _remaining = participants;
    private volatile int _phase;

    public void SignalAndWait()
    {
        var phase = _phase;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _remaining = _participants;
            _phase = phase + 1;
            return;
        }

        var spin = default(SpinWait);
        while (_phase == phase)
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
