using System.Text.Json;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Tasks;
using HttmOrleans.Runtime;

namespace HttmOrleans.Grains;

/// <summary>One version's lifecycle; the training runs as a <see cref="TrainingJob"/> on a capable silo.</summary>
public sealed class ModelVersionGrain : Grain<VersionInfo>, IModelVersionGrain
{
    private const int MaxCurvePoints = 400;

    public async Task<VersionInfo> Start(VersionSpec spec)
    {
        if (RecordExists) return State;
        State.ModelId = spec.ModelId;
        State.Version = spec.Version;
        State.Kind = spec.Kind;
        State.Algorithm = spec.Algorithm;
        State.Parameters = spec.Parameters;
        State.DatasetId = spec.DatasetId;
        State.Snapshot = spec.Snapshot;
        State.BaseVersion = spec.BaseVersion;
        State.BaseArtifactId = spec.BaseArtifactId;
        State.Capability = spec.Capability;
        State.CreatedBy = spec.CreatedBy;
        State.CreatedAt = spec.CreatedAt;
        State.TaskName = spec.TaskName;
        State.RunId = spec.RunId;
        State.Status = VersionStatus.Queued;
        State.Message = $"waiting for a silo with capability '{spec.Capability}'";
        var payload = new TrainingJob(spec.ModelId, spec.Version, spec.Kind, spec.Algorithm, spec.Parameters.ToJsonString(),
            spec.DatasetId, spec.Snapshot, spec.BaseArtifactId);
        // Two attempts: a silo that dies mid-run hands the training to another once; a trainer error fails at once.
        State.JobId = EnqueueJob(new JobRequest(TrainingJob.Kind, spec.Capability, JsonSerializer.Serialize(payload, RuntimeJson.Options), MaxAttempts: 2));
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
        if (State.JobId is { } job) CancelJob(job);
        State.Message = "stopping";
        RaiseEvent("cancel-requested", new { by });
        await WriteStateAsync();
        return State;
    }

    public async Task<VersionInfo> Delete()
    {
        var was = Require();
        if (!VersionStatus.IsFinal(State.Status))
            throw new ConflictException($"Version '{State.Version}' is {State.Status}; cancel it before deleting it.");
        await ClearStateAsync();
        return was;
    }

    public async Task OnJobProgress(JobProgress progress)
    {
        if (!RecordExists || VersionStatus.IsFinal(State.Status)) return;
        var report = ProgressDetails.Parse(progress.Details);
        State.Status = report.Phase == "validating" ? VersionStatus.Validating : VersionStatus.Training;
        State.StartedAt ??= progress.At;
        State.Silo = progress.SiloId;
        State.Progress = Math.Round(progress.Percent, 2);
        State.Message = progress.Message;
        if (report.Snapshot is { } snapshot) State.Snapshot = snapshot;
        if (report.Figures.Count > 0)
        {
            State.Figures = report.Figures;
            AddCurvePoint(progress, report);
        }

        await WriteStateAsync();
    }

    public async Task OnJobFinished(JobOutcome outcome)
    {
        if (!RecordExists || VersionStatus.IsFinal(State.Status)) return;
        var now = Now;
        State.CompletedAt = now;
        State.Silo = outcome.SiloId ?? State.Silo;
        if (State.StartedAt is { } started) State.TrainingDuration = Math.Round((now - started).TotalSeconds, 3);
        switch (outcome.Status)
        {
            case JobStatus.Succeeded:
                var result = JsonSerializer.Deserialize<TrainingJobResult>(outcome.Result!, RuntimeJson.Options)!;
                State.Status = VersionStatus.Completed;
                State.Progress = 100;
                State.Message = "completed";
                State.Metrics = new Dictionary<string, double>(result.Metrics);
                State.Details = new Dictionary<string, string>(result.Details ?? new Dictionary<string, string>());
                State.ArtifactId = result.ArtifactId;
                State.ArtifactSize = result.ArtifactSize;
                State.Snapshot = result.Snapshot;
                Send<IModelRegistryGrain>(State.ModelId, r => r.VersionCompleted(State.Version));
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

        RaiseEvent(State.Status, new { State.Version, State.Error, State.Metrics, attempts = outcome.Attempts, silo = outcome.SiloId });
        if (State.TaskName is { } task) Send<ITrainingTaskGrain>(task, t => t.RunFinished(State.RunId!, State.Status, State.Error));
        await WriteStateAsync();
    }

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
        RecordExists ? State : throw new NotFoundException("version", GetPrimaryKeyString());
}
