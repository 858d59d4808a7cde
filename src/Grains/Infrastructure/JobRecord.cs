using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Grains;

/// <summary>A job as the dashboard and <c>/api/v1/jobs</c> show it: a log row its owner grain keeps up to date.</summary>
public sealed record JobRecord(
    string Id,
    GrainKey Owner,
    string Kind,
    string Capability,
    JobStatus Status,
    int Attempts,
    int MaxAttempts,
    int Handovers,
    string? SiloId,
    double Progress,
    string? ProgressMessage,
    string? ProgressDetails,
    bool CancelRequested,
    string? Result,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
