namespace HttmOrleans.Hosting.Tests.TestGrains;

/// <summary>Counts its reminder's ticks in memory: the test only needs the activation it started.</summary>
public sealed class TickGrain : Grain, ITickGrain, IRemindable
{
    private int _ticks;

    public async Task Start(TimeSpan period) => await this.RegisterOrUpdateReminder("tick", period, period);

    public Task<int> Ticks() => Task.FromResult(_ticks);

    public async Task Stop()
    {
        if (await this.GetReminder("tick") is { } reminder) await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _ticks++;
        return Task.CompletedTask;
    }
}
