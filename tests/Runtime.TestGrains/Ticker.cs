using HttmOrleans.Runtime;
using HttmOrleans.Runtime.Hosting;

namespace HttmOrleans.Runtime.TestGrains;

public interface ITickerGrain : IGrainWithStringKey, IRemindable
{
    Task Start(int dueMs, int periodMs);
    Task ChangePeriod(int periodMs);
    Task Stop();

    [ReadOnly]
    Task<List<TickRecord>> Ticks();
}

/// <summary>One tick as the grain saw it: the due time it stands for, when it ran, and on which silo.</summary>
public sealed record TickRecord(long DueMs, long RanMs, string Silo);

public sealed class TickerState
{
    public List<TickRecord> Ticks { get; set; } = [];
}

public sealed class TickerGrain(ClusterAdmin cluster) : Grain<TickerState>, ITickerGrain
{
    public const string Reminder = "tick";

    public Task Start(int dueMs, int periodMs) => RegisterOrUpdateReminder(Reminder, TimeSpan.FromMilliseconds(dueMs), TimeSpan.FromMilliseconds(periodMs));

    public Task ChangePeriod(int periodMs) => RegisterOrUpdateReminder(Reminder, TimeSpan.FromMilliseconds(periodMs), TimeSpan.FromMilliseconds(periodMs));

    public Task Stop() => UnregisterReminder(Reminder);

    public Task<List<TickRecord>> Ticks() => Task.FromResult(State.Ticks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        State.Ticks.Add(new TickRecord(status.CurrentTickTime.ToUnixTimeMilliseconds(), Now.ToUnixTimeMilliseconds(), cluster.Host.SiloId));
        await WriteStateAsync();
    }
}
