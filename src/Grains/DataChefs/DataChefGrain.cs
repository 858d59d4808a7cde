using System.Text.Json;
using System.Text.Json.Nodes;
using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Grains.Jobs;
using HttmOrleans.Grains.Tasks;
using HttmOrleans.Hosting.Capabilities;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.Grains;

/// <summary>
/// A data chef: its definition, and materializations run as jobs on a worker grain that end in a new
/// dataset snapshot. A task's run is told the snapshot (or the failure); the task starts the training.
/// </summary>
public sealed class DataChefGrain(
    [PersistentState(GrainTypes.DataChef, GrainStore.Name)] IPersistentState<DataChefInfo> state,
    [PersistentState(GrainTypes.DataChef + "Job", GrainStore.Name)] IPersistentState<JobState> job,
    ClusterAdmin journal,
    SiloCapabilityDirectory capabilities,
    ILogger<DataChefGrain> logger)
    : HttmGrain<DataChefInfo>(state, journal, GrainTypes.DataChef), IDataChefGrain
{
    private JobSupervisor? _jobs;

    private JobSupervisor Jobs => _jobs ??= new JobSupervisor(job, GrainFactory, capabilities, Journal, new GrainKey(GrainTypes.DataChef, Key), logger);

    private IJobOwner Self => this.AsReference<IDataChefGrain>();

    public async Task<DataChefInfo> Create(DataChefInfo definition)
    {
        if (RecordExists)
        {
            if (State.SourceType != definition.SourceType || !JsonNode.DeepEquals(State.Source, definition.Source)
                || State.Mapping != definition.Mapping || State.DatasetId != definition.DatasetId || State.Features != definition.Features)
                throw new ConflictException($"Data chef '{State.Id}' already exists with another definition.");
            return State;
        }

        definition.Id = Key;
        definition.CreatedAt = Now;
        definition.RunningJob = null;
        definition.Last = null;
        State = definition;
        await WriteStateAsync();
        return State;
    }

    public Task<DataChefInfo?> Get() => Task.FromResult(RecordExists ? State : null);

    public async Task<DataChefInfo> Update(DataChefInfo definition)
    {
        Require();
        State.Name = definition.Name;
        State.SourceType = definition.SourceType;
        State.Source = definition.Source;
        State.Mapping = definition.Mapping;
        State.DatasetId = definition.DatasetId;
        State.Kind = definition.Kind;
        State.Features = definition.Features;
        RaiseEvent("updated", new { State.SourceType, State.DatasetId });
        await WriteStateAsync();
        return State;
    }

    public async Task<DataChefInfo> Materialize(string by, string? taskName, string? runId)
    {
        if (!RecordExists && taskName is not null)
        {
            TellTask(taskName, runId!, null, "it does not exist");
            return State;
        }

        Require();
        if (State.RunningJob is not null)
        {
            if (taskName is not null)
            {
                TellTask(taskName, runId!, null, "it is already materializing");
                return State;
            }

            throw new ConflictException($"Data chef '{State.Id}' is already materializing (job {State.RunningJob}).");
        }

        State.WaitingTask = taskName;
        State.WaitingRun = runId;
        // Watchdog, then the waiting run, then the job: a silo dying between two of them leaves what the watchdog can finish.
        await this.RegisterOrUpdateReminder(JobSupervisor.ReminderName, JobSupervisor.WatchPeriod, JobSupervisor.WatchPeriod);
        await WriteStateAsync();
        State.RunningJob = await Jobs.StartAsync(MaterializeJob.Kind, "cpu", maxAttempts: 2, Self, Payload);
        RaiseEvent("materialize", new { by, job = State.RunningJob });
        await WriteStateAsync();
        return State;
    }

    public async Task OnJobProgress(JobProgress progress)
    {
        if (RecordExists && State.RunningJob == progress.JobId && Jobs.Accepts(progress.JobId, progress.Attempt)) await Jobs.RecordProgressAsync(progress);
    }

    public async Task OnJobFinished(JobOutcome outcome)
    {
        if (!RecordExists || State.RunningJob != outcome.JobId || !Jobs.Accepts(outcome.JobId, outcome.Attempt)) return;
        if (await Jobs.FinishAsync(outcome, Self, Payload) is { } ended) await EndAsync(ended);
    }

    public async Task OnJobHandedOver(string jobId, int attempt, string siloId)
    {
        if (RecordExists && State.RunningJob == jobId && Jobs.Accepts(jobId, attempt)) await Jobs.HandedOverAsync(Self, Payload, siloId);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (RecordExists && State.RunningJob is null && Jobs.Job.Active)
        {
            // The silo died after starting the job and before noting it here: adopt it.
            State.RunningJob = Jobs.Job.JobId;
            await WriteStateAsync();
        }

        if (RecordExists && State.RunningJob is not null && await Jobs.WatchAsync(Self, Payload) is { } ended) await EndAsync(ended);
        if (!RecordExists || State.RunningJob is null)
        {
            if (await this.GetReminder(JobSupervisor.ReminderName) is { } reminder) await this.UnregisterReminder(reminder);
        }
    }

    public async Task<DataChefInfo> Delete()
    {
        var was = Require();
        await ClearStateAsync();
        return was;
    }

    private async Task EndAsync(JobOutcome outcome)
    {
        State.RunningJob = null;
        var now = Now;
        string? failure = null;
        int? snapshot = null;
        if (outcome.Status == JobStatus.Succeeded)
        {
            var result = JsonSerializer.Deserialize<MaterializeJobResult>(outcome.Result!, GrainJson.Options)!;
            State.Last = new MaterializationInfo("completed", result.Snapshot, result.RowsRead, result.RowsAccepted, result.RowsRejected, result.Report, null, now);
            snapshot = result.Snapshot;
        }
        else
        {
            var error = outcome.Status == JobStatus.Cancelled ? "cancelled" : outcome.Error ?? "unknown error";
            State.Last = new MaterializationInfo("failed", null, 0, 0, 0, null, error, now);
            failure = $"materialization failed: {error}";
        }

        RaiseEvent("materialized", State.Last);
        // The task starts the training once all of its run's chefs (interactions, user and item features) have answered.
        if (State.WaitingTask is { } waiting) TellTask(waiting, State.WaitingRun!, snapshot, failure);
        State.WaitingTask = null;
        State.WaitingRun = null;
        await WriteStateAsync();
    }

    /// <summary>One-way: the task may itself be waiting on this chef.</summary>
    private void TellTask(string task, string runId, int? snapshot, string? error) =>
        GrainFactory.GetGrain<ITrainingTaskGrain>(task).ChefMaterialized(runId, Key, snapshot, error).Ignore();

    private string Payload() => JsonSerializer.Serialize(
        new MaterializeJob(State.Id, State.DatasetId, State.Kind, State.SourceType, State.Source.ToJsonString(), State.Mapping, State.Features), GrainJson.Options);

    private DataChefInfo Require() => RecordExists ? State : throw new NotFoundException("data chef", Key);
}
