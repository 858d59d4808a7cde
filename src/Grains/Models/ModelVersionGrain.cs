using System.Text.Json;
using HttmOrleans.Grains.Jobs;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Tasks;
using HttmOrleans.Hosting.Capabilities;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.Grains;

/// <summary>
/// One version's lifecycle; the training runs as a job on a worker grain placed on a silo with the
/// trainer's capability. The version's reminder is the job's watchdog and re-drives the news of its end
/// (registry, task) until delivered, so a silo that dies at any point loses nothing.
/// </summary>
public sealed class ModelVersionGrain(
    [PersistentState(GrainTypes.ModelVersion, GrainStore.Name)] IPersistentState<VersionInfo> state,
    [PersistentState(GrainTypes.ModelVersion + "Job", GrainStore.Name)] IPersistentState<JobState> job,
    ClusterAdmin journal,
    SiloCapabilityDirectory capabilities,
    ILogger<ModelVersionGrain> logger)
    : HttmGrain<VersionInfo>(state, journal, GrainTypes.ModelVersion), IModelVersionGrain
{
    private const int MaxCurvePoints = 400;
    private JobSupervisor? _jobs;

    private JobSupervisor Jobs => _jobs ??= new JobSupervisor(job, GrainFactory, capabilities, Journal, new GrainKey(GrainTypes.ModelVersion, Key), logger);

    private IJobOwner Self => this.AsReference<IModelVersionGrain>();

    public async Task<VersionInfo> Start(VersionSpec spec)
    {
        // Started already. A record without a job is a Start that died with its silo half-way: this one finishes it.
        if (RecordExists && State.JobId is not null) return State;
        State.ModelId = spec.ModelId;
        State.Version = spec.Version;
        State.Kind = spec.Kind;
        State.Algorithm = spec.Algorithm;
        State.Parameters = spec.Parameters;
        State.DatasetId = spec.DatasetId;
        State.Snapshot = spec.Snapshot;
        State.UserFeaturesDatasetId = spec.UserFeaturesDatasetId;
        State.UserFeaturesSnapshot = spec.UserFeaturesSnapshot;
        State.ItemFeaturesDatasetId = spec.ItemFeaturesDatasetId;
        State.ItemFeaturesSnapshot = spec.ItemFeaturesSnapshot;
        State.BaseVersion = spec.BaseVersion;
        State.BaseArtifactId = spec.BaseArtifactId;
        State.Capability = spec.Capability;
        State.CreatedBy = spec.CreatedBy;
        State.CreatedAt = spec.CreatedAt;
        State.TaskName = spec.TaskName;
        State.RunId = spec.RunId;
        State.Status = VersionStatus.Queued;
        State.Message = JobSupervisor.WaitingMessage(spec.Capability);
        // The watchdog first: once the record exists, its reminder must too, or a silo dying now leaves it queued for good.
        await this.RegisterOrUpdateReminder(JobSupervisor.ReminderName, JobSupervisor.WatchPeriod, JobSupervisor.WatchPeriod);
        await WriteStateAsync();
        // Two attempts: a silo that dies mid-run hands the training to another once; a trainer error fails at once.
        State.JobId = await Jobs.StartAsync(TrainingJob.Kind, spec.Capability, maxAttempts: 2, Self, Payload);
        if (!Jobs.Job.Dispatched) State.Message = Jobs.Job.Message;
        RaiseEvent("queued", new { spec.Version, spec.Capability, job = State.JobId });
        await WriteStateAsync();
        return State;
    }

    public Task<VersionInfo?> Get() => Task.FromResult(RecordExists ? State : null);

    public async Task<VersionInfo> Cancel(string by)
    {
        Require();
        if (VersionStatus.IsFinal(State.Status))
            throw new ConflictException($"Version '{State.Version}' is already {State.Status}.");
        State.Message = "stopping";
        RaiseEvent("cancel-requested", new { by });
        await WriteStateAsync();
        if (await Jobs.CancelAsync() is { } ended) await EndAsync(ended);
        return State;
    }

    public async Task<VersionInfo> Delete()
    {
        var was = Require();
        if (!VersionStatus.IsFinal(State.Status))
            throw new ConflictException($"Version '{State.Version}' is {State.Status}; cancel it before deleting it.");
        await ClearStateAsync();
        await StopWatchdogAsync();
        return was;
    }

    public async Task OnJobProgress(JobProgress progress)
    {
        if (!RecordExists || VersionStatus.IsFinal(State.Status) || !Jobs.Accepts(progress.JobId, progress.Attempt)) return;
        await Jobs.RecordProgressAsync(progress);
        var report = ProgressDetails.Parse(progress.Details);
        State.Status = report.Phase == "validating" ? VersionStatus.Validating : VersionStatus.Training;
        State.StartedAt ??= progress.At;
        State.Silo = progress.SiloId;
        State.Progress = Math.Round(progress.Percent, 2);
        State.Message = progress.Message;
        if (report.Snapshot is { } snapshot) State.Snapshot = snapshot;
        if (report.Figures.Count > 0)
        {
            // Merged, not replaced: validation reports only its own counts, and step, loss and tokens/s
            // should stay readable until the end (and after it, as the final figures). A stale ETA would lie.
            if (!report.Figures.ContainsKey("eta_seconds")) State.Figures.Remove("eta_seconds");
            foreach (var (name, value) in report.Figures) State.Figures[name] = value;
            AddCurvePoint(progress, report);
        }

        await WriteStateAsync();
    }

    public async Task OnJobFinished(JobOutcome outcome)
    {
        if (!RecordExists || VersionStatus.IsFinal(State.Status) || !Jobs.Accepts(outcome.JobId, outcome.Attempt)) return;
        if (await Jobs.FinishAsync(outcome, Self, Payload) is { } ended) await EndAsync(ended);
        else
        {
            State.Message = Jobs.Job.Message;
            await WriteStateAsync();
        }
    }

    public async Task OnJobHandedOver(string jobId, int attempt, string siloId)
    {
        if (!RecordExists || VersionStatus.IsFinal(State.Status) || !Jobs.Accepts(jobId, attempt)) return;
        await Jobs.HandedOverAsync(Self, Payload, siloId);
        State.Message = Jobs.Job.Message;
        RaiseEvent("handed-over", new { from = siloId, attempt = Jobs.Job.Attempt });
        await WriteStateAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!RecordExists)
        {
            await StopWatchdogAsync();
            return;
        }

        if (!VersionStatus.IsFinal(State.Status))
        {
            if (Jobs.Job.JobId is null || State.JobId != Jobs.Job.JobId)
            {
                // The silo died between recording the version and saving its job (start it now), or
                // between saving the job and noting its id here (adopt it).
                State.JobId = Jobs.Job.JobId ?? await Jobs.StartAsync(TrainingJob.Kind, State.Capability, maxAttempts: 2, Self, Payload);
                await WriteStateAsync();
                return;
            }

            if (await Jobs.WatchAsync(Self, Payload) is { } ended) await EndAsync(ended);
            else if (!Jobs.Job.Dispatched && State.Message != Jobs.Job.Message)
            {
                State.Message = Jobs.Job.Message;
                await WriteStateAsync();
            }

            return;
        }

        if (!State.Announced) await AnnounceAsync();
        else await StopWatchdogAsync();
    }

    private async Task EndAsync(JobOutcome outcome)
    {
        var now = Now;
        State.CompletedAt = now;
        State.Silo = outcome.SiloId ?? State.Silo;
        if (State.StartedAt is { } started) State.TrainingDuration = Math.Round((now - started).TotalSeconds, 3);
        switch (outcome.Status)
        {
            case JobStatus.Succeeded:
                var result = JsonSerializer.Deserialize<TrainingJobResult>(outcome.Result!, GrainJson.Options)!;
                State.Status = VersionStatus.Completed;
                State.Progress = 100;
                State.Message = "completed";
                State.Metrics = new Dictionary<string, double>(result.Metrics);
                State.Details = new Dictionary<string, string>(result.Details ?? new Dictionary<string, string>());
                State.ArtifactId = result.ArtifactId;
                State.ArtifactSize = result.ArtifactSize;
                State.Snapshot = result.Snapshot;
                State.UserFeaturesSnapshot = result.UserFeaturesSnapshot ?? State.UserFeaturesSnapshot;
                State.ItemFeaturesSnapshot = result.ItemFeaturesSnapshot ?? State.ItemFeaturesSnapshot;
                break;
            case JobStatus.Cancelled:
                State.Status = VersionStatus.Stopped;
                State.Message = "stopped";
                State.Error = "cancelled by a user";
                break;
            default:
                State.Status = VersionStatus.Failed;
                State.Message = "failed";
                State.Error = outcome.Error ?? "unknown error";
                break;
        }

        RaiseEvent(State.Status, new { State.Version, State.Error, State.Metrics, attempts = Jobs.Job.Attempt, silo = outcome.SiloId });
        State.Announced = false;
        await WriteStateAsync();
        await AnnounceAsync();
    }

    /// <summary>Tells the registry (a completed version) and the task; the watchdog repeats this until it got through.</summary>
    private async Task AnnounceAsync()
    {
        try
        {
            if (State.Status == VersionStatus.Completed)
                await GrainFactory.GetGrain<IModelRegistryGrain>(State.ModelId).VersionCompleted(State.Version);
            if (State.TaskName is { } task)
                await GrainFactory.GetGrain<ITrainingTaskGrain>(task).RunFinished(State.RunId!, State.Status, State.Error);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
        {
            logger.LogInformation("Version {Key}: news of its end not delivered yet ({Error})", Key, e.Message);
            return;
        }

        State.Announced = true;
        await WriteStateAsync();
        await StopWatchdogAsync();
    }

    private async Task StopWatchdogAsync()
    {
        if (await this.GetReminder(JobSupervisor.ReminderName) is { } reminder) await this.UnregisterReminder(reminder);
    }

    private string Payload() => JsonSerializer.Serialize(new TrainingJob(State.ModelId, State.Version, State.Kind, State.Algorithm,
        State.Parameters.ToJsonString(), State.DatasetId, State.Snapshot, State.BaseArtifactId,
        State.UserFeaturesDatasetId, State.UserFeaturesSnapshot, State.ItemFeaturesDatasetId, State.ItemFeaturesSnapshot), GrainJson.Options);

    private void AddCurvePoint(JobProgress progress, ProgressDetails report)
    {
        report.Figures.TryGetValue("loss", out var loss);
        report.Figures.TryGetValue("step", out var step);
        State.Curve.Add(new ProgressPoint(progress.At, State.Progress,
            report.Figures.ContainsKey("step") ? step : null, report.Figures.ContainsKey("loss") ? loss : null));
        if (State.Curve.Count > MaxCurvePoints)
        {
            // Keep the shape of a long run without growing the state: drop every other point.
            State.Curve = [.. State.Curve.Where((_, i) => i % 2 == 0 || i == State.Curve.Count - 1)];
        }
    }

    private VersionInfo Require() =>
        RecordExists ? State : throw new NotFoundException("version", Key);
}
