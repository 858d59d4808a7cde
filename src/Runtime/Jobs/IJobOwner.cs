namespace HttmOrleans.Runtime;

/// <summary>A grain that enqueues jobs and learns how they ended.</summary>
public interface IJobOwner
{
    /// <summary>
    /// Runs as a turn in the same transaction that marks the job finished, so a job's end is
    /// delivered exactly once. Throwing makes the runtime retry the delivery.
    /// </summary>
    Task OnJobFinished(JobOutcome outcome);
}

/// <summary>A job owner that also wants progress reports (throttled, at most about one a second).</summary>
public interface IJobProgressObserver
{
    Task OnJobProgress(JobProgress progress);
}
