namespace HttmOrleans.Grains.Jobs;

/// <summary>The owner's record of its current job (its own persistent state, beside the owner's).</summary>
public sealed class JobState
{
    public string? JobId { get; set; }
    public string Kind { get; set; } = "";
    public string Capability { get; set; } = "cpu";
    public JobStatus Status { get; set; } = JobStatus.Queued;
    /// <summary>The attempt now dispatched or about to be (a handover starts a new one without counting a failure).</summary>
    public int Attempt { get; set; }
    public int FailedAttempts { get; set; }
    public int MaxAttempts { get; set; } = 2;
    public int Handovers { get; set; }
    /// <summary>True once a worker accepted <see cref="Attempt"/>.</summary>
    public bool Dispatched { get; set; }
    public string? Silo { get; set; }
    public bool CancelRequested { get; set; }
    public double Progress { get; set; }
    public string? Message { get; set; }
    public string? Details { get; set; }
    public string? Result { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>A job is going (queued or running) and its owner must watch it.</summary>
    public bool Active => JobId is not null && Status is JobStatus.Queued or JobStatus.Running;
}
