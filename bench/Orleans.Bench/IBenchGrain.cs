using Orleans.Concurrency;

namespace HttmOrleans.OrleansBench;

[Alias("bench.grain")]
public interface IBenchGrain : IGrainWithStringKey
{
    /// <summary>Adds one to the count and saves it: exactly one <c>WriteStateAsync</c>.</summary>
    Task<int> Write();

    /// <summary>The count from the activation's memory, no storage call.</summary>
    [ReadOnly]
    Task<int> Read();

    /// <summary>The process id of the silo the activation lives on (failover rounds).</summary>
    [ReadOnly]
    Task<int> ProcessId();
}
