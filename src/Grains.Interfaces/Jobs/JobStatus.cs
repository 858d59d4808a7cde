namespace HttmOrleans.Grains.Jobs;

/// <summary>Where a job stands.</summary>
public enum JobStatus
{
    /// <summary>Waiting for a silo with its capability.</summary>
    Queued,
    /// <summary>A worker grain runs it.</summary>
    Running,
    /// <summary>Finished with a result.</summary>
    Succeeded,
    /// <summary>Finished with an error (or no attempts left).</summary>
    Failed,
    /// <summary>Stopped on request.</summary>
    Cancelled,
}
