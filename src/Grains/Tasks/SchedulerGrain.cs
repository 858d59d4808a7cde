using HttmOrleans.Grains.Tasks;

namespace HttmOrleans.Grains;

/// <summary>The scheduler switch every task reads at its tick.</summary>
public sealed class SchedulerGrain(
    [PersistentState(GrainTypes.Scheduler, GrainStore.Name)] IPersistentState<SchedulerInfo> state, ClusterAdmin journal)
    : HttmGrain<SchedulerInfo>(state, journal, GrainTypes.Scheduler), ISchedulerGrain
{
    /// <summary>The one key.</summary>
    public new const string Key = "default";

    public Task<SchedulerInfo> Start(string by) => Set(false, by);

    public Task<SchedulerInfo> Stop(string by) => Set(true, by);

    public Task<SchedulerInfo> Get() => Task.FromResult(State);

    private async Task<SchedulerInfo> Set(bool stopped, string by)
    {
        State.Stopped = stopped;
        State.ChangedAt = Now;
        State.ChangedBy = by;
        RaiseEvent(stopped ? "stopped" : "started", new { by });
        await WriteStateAsync();
        return State;
    }
}
