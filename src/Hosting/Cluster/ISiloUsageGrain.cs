using Orleans.Concurrency;

namespace HttmOrleans.Hosting.Cluster;

/// <summary>
/// The recent CPU and memory readings of one silo process and its children (key: the silo address in
/// parsable form), pushed by <see cref="SiloUsageReporter"/> on that silo and read by <see cref="ClusterView"/>.
/// </summary>
public interface ISiloUsageGrain : IGrainWithStringKey
{
    /// <summary>Adds a reading; the oldest beyond <see cref="SiloUsageGrain.Capacity"/> is dropped.</summary>
    Task Report(SiloUsageReport report);

    /// <summary>The readings, oldest first.</summary>
    [AlwaysInterleave]
    Task<SiloUsageReport?> Get();
}
