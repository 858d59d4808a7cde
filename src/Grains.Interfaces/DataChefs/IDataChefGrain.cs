using HttmOrleans.Grains.Jobs;
using Orleans;
using Orleans.Concurrency;

namespace HttmOrleans.Grains.DataChefs;

/// <summary>
/// A data chef (key: chef id): a source definition and a column mapping that materialize into a new
/// dataset snapshot. Secrets in the definition are stored but never returned.
/// </summary>
public interface IDataChefGrain : IJobOwner, IRemindable
{
    /// <summary>Creates the chef (definition already validated by the caller); same request again returns it.</summary>
    Task<DataChefInfo> Create(DataChefInfo definition);

    /// <summary>The chef (unredacted; the API redacts), or null.</summary>
    [AlwaysInterleave]
    Task<DataChefInfo?> Get();

    /// <summary>
    /// Replaces the name, source (and its type), mapping, dataset and dataset kind with those of
    /// <paramref name="definition"/> (already validated by the caller); id, creator and history stay.
    /// </summary>
    Task<DataChefInfo> Update(DataChefInfo definition);

    /// <summary>Queues a materialization job; <paramref name="taskName"/>/<paramref name="runId"/> when a task asked, so it is told the outcome.</summary>
    Task<DataChefInfo> Materialize(string by, string? taskName, string? runId);

    /// <summary>Deletes the chef.</summary>
    Task<DataChefInfo> Delete();
}
