using Orleans;
using Orleans.Concurrency;

namespace HttmOrleans.Grains.Tasks;

/// <summary>The cluster's scheduler switch (key: <c>default</c>). Stopped, scheduled ticks are recorded as skipped; run-now still works.</summary>
public interface ISchedulerGrain : IGrainWithStringKey
{
    /// <summary>Starts scheduling.</summary>
    Task<SchedulerInfo> Start(string by);

    /// <summary>Stops scheduling.</summary>
    Task<SchedulerInfo> Stop(string by);

    /// <summary>The switch.</summary>
    [AlwaysInterleave]
    Task<SchedulerInfo> Get();
}
