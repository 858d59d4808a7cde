using Orleans;
using Orleans.Concurrency;

namespace HttmOrleans.Grains.Tasks;

/// <summary>
/// A task that retrains a model on an interval or a cron schedule (key: task name), driven by a
/// durable reminder. Never two runs of one task at once: a tick while a run is going is recorded as skipped.
/// </summary>
public interface ITrainingTaskGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>Creates the task and its reminder; the same request again returns it (409 if it differs).</summary>
    Task<TaskInfo> Create(CreateTask request);

    /// <summary>The task, or null.</summary>
    [AlwaysInterleave]
    Task<TaskInfo?> Get();

    /// <summary>Changes the schedule; the next run is recomputed at once.</summary>
    Task<TaskInfo> ChangeSchedule(int? intervalSeconds, string? cron);

    /// <summary>Stops scheduled runs (run-now still works).</summary>
    Task<TaskInfo> Pause();

    /// <summary>Starts scheduled runs again.</summary>
    Task<TaskInfo> Resume();

    /// <summary>Starts a run now unless one is going (409).</summary>
    Task<TaskInfo> RunNow(string by);

    /// <summary>Told when a run's training started (version known) or was refused.</summary>
    [OneWay]
    Task RunStarted(string runId, string? version, string? error);

    /// <summary>Told by one of a run's data chefs when its materialization ended: the snapshot it made, or why not.</summary>
    [OneWay]
    Task ChefMaterialized(string runId, string chefId, int? snapshot, string? error);

    /// <summary>Told when a run's version reached a final state.</summary>
    [OneWay]
    Task RunFinished(string runId, string status, string? error);

    /// <summary>Removes the task and its reminder.</summary>
    Task<TaskInfo> Remove();
}
