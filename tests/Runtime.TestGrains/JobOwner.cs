using HttmOrleans.Runtime;

namespace HttmOrleans.Runtime.TestGrains;

public interface IJobOwnerGrain : IGrainWithStringKey, IJobOwner, IJobProgressObserver
{
    Task<string> StartJob(string kind, string capability, string payload, int maxAttempts);
    Task CancelCurrent();

    [ReadOnly]
    Task<JobOwnerState> Read();
}

public sealed class JobOwnerState
{
    public string? JobId { get; set; }
    public List<JobOutcome> Outcomes { get; set; } = [];
    public int ProgressReports { get; set; }
    public double LastPercent { get; set; }
}

public sealed class JobOwnerGrain : Grain<JobOwnerState>, IJobOwnerGrain
{
    public async Task<string> StartJob(string kind, string capability, string payload, int maxAttempts)
    {
        State.JobId = EnqueueJob(new JobRequest(kind, capability, payload, maxAttempts));
        await WriteStateAsync();
        return State.JobId;
    }

    public Task CancelCurrent()
    {
        if (State.JobId is { } id) CancelJob(id);
        return Task.CompletedTask;
    }

    public Task<JobOwnerState> Read() => Task.FromResult(State);

    public async Task OnJobFinished(JobOutcome outcome)
    {
        State.Outcomes.Add(outcome);
        await WriteStateAsync();
    }

    public async Task OnJobProgress(JobProgress progress)
    {
        State.ProgressReports++;
        State.LastPercent = progress.Percent;
        await WriteStateAsync();
    }
}
