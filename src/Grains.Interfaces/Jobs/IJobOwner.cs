namespace HttmOrleans.Grains.Jobs;

/// <summary>
/// A grain that runs work on a worker grain and keeps the job's state itself (version, data chef).
/// Every report names the job and attempt: the owner ignores reports of attempts it gave up on.
/// </summary>
public interface IJobOwner : IGrainWithStringKey
{
    /// <summary>Progress of the running attempt.</summary>
    Task OnJobProgress(JobProgress progress);

    /// <summary>The attempt ended. Idempotent: the worker repeats it until it is acknowledged.</summary>
    Task OnJobFinished(JobOutcome outcome);

    /// <summary>The worker's silo is shutting down: run the attempt again elsewhere without counting it as failed.</summary>
    Task OnJobHandedOver(string jobId, int attempt, string siloId);
}
