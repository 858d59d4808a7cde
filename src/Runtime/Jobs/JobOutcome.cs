namespace HttmOrleans.Runtime;

/// <summary>How a job ended, delivered to its owning grain as a turn.</summary>
public sealed record JobOutcome(
    string JobId,
    string Kind,
    JobStatus Status,
    string? Result,
    string? Error,
    int Attempts,
    string? SiloId);
