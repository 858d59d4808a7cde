namespace HttmOrleans.Runtime.Storage;

// Plain rows of the runtime tables. Times are Unix milliseconds (UTC) in both dialects.

internal sealed record OutboxMessage(long Id, GrainId Target, string Method, string Args, int Attempts);

internal sealed record ReminderRow(GrainId Grain, string Name, long PeriodMs, long DueAt, long FirstTickAt, long TickCount, long? LastTickAt);

internal sealed record ClaimedJob(string Id, string Kind, string Payload, int Attempts, int MaxAttempts, GrainId Owner);

internal readonly record struct JobHeartbeat(bool Held, bool CancelRequested);

internal sealed record NewJob(string Id, GrainId Owner, JobRequest Request, long CreatedAt);

/// <summary>A job that must be ended without a running handler: its lease expired with no attempts left, or it was cancelled while nobody ran it.</summary>
internal sealed record FinalizableJob(string Id, string Kind, GrainId Owner, JobStatus Status, string Error, int Attempts);

/// <summary>A job as the dashboard and the API show it.</summary>
public sealed record JobRecord(
    string Id,
    GrainId Owner,
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
    DateTimeOffset? FinishedAt,
    DateTimeOffset? LeaseUntil);

/// <summary>One silo or API node's membership row.</summary>
public sealed record SiloRecord(
    string SiloId,
    string Role,
    string Address,
    IReadOnlyList<string> Capabilities,
    string Version,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeat,
    string Load,
    string Status);

/// <summary>One recorded grain event.</summary>
public sealed record GrainEventRecord(long Id, GrainId Grain, string EventType, string Payload, DateTimeOffset At);

internal static class UnixMs
{
    public static long From(DateTimeOffset t) => t.ToUnixTimeMilliseconds();
    public static DateTimeOffset To(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
