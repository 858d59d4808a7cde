using HttmOrleans.Storage;

namespace HttmOrleans.Runtime.Storage;

/// <summary>
/// The one contract both databases implement. Everything the runtime persists goes through it,
/// so the semantics (turns, outbox, reminders, jobs, membership) are written once.
/// </summary>
internal interface IRuntimeStore : IAsyncDisposable
{
    string Provider { get; }

    SignalBus Signals { get; }

    Task MigrateAsync(CancellationToken ct);

    /// <summary>Starts a turn: a write turn holds the grain exclusively until commit or dispose (rollback).</summary>
    Task<ITurnTransaction> BeginTurnAsync(GrainId grain, bool readOnly, CancellationToken ct);

    Task<(long Etag, string? Json)> ReadStateAsync(GrainId grain, CancellationToken ct);

    Task<IReadOnlyList<OutboxMessage>> ClaimOutboxAsync(string owner, long now, long leaseUntil, int max, CancellationToken ct);
    Task ReleaseOutboxAfterFailureAsync(long id, string owner, string error, long retryAt, int deadAfterAttempts, CancellationToken ct);
    Task<long> CountOutboxAsync(bool dead, CancellationToken ct);

    Task<IReadOnlyList<ReminderRow>> ClaimDueRemindersAsync(string owner, long now, long leaseUntil, int max, CancellationToken ct);
    Task<long?> NextReminderDueAsync(CancellationToken ct);
    Task SkipReminderTickAsync(GrainId grain, string name, string owner, long expectedDue, long nextDue, CancellationToken ct);
    Task ReleaseReminderLeasesAsync(string owner, CancellationToken ct);
    Task<IReadOnlyList<ReminderRow>> ListRemindersAsync(CancellationToken ct);

    Task<ClaimedJob?> ClaimJobAsync(string owner, IReadOnlyList<string> capabilities, IReadOnlyList<string> kinds, long now, long leaseUntil, CancellationToken ct);
    Task<JobHeartbeat> HeartbeatJobAsync(string id, string owner, long now, long leaseUntil, CancellationToken ct);
    Task UpdateJobProgressAsync(string id, string owner, double percent, string? message, string? details, CancellationToken ct);
    Task<bool> HandBackJobAsync(string id, string owner, CancellationToken ct);
    Task<bool> RequeueJobAsync(string id, string owner, string error, long notBefore, CancellationToken ct);
    Task<IReadOnlyList<FinalizableJob>> FindJobsToFinalizeAsync(long now, int max, CancellationToken ct);
    Task MarkJobFailedAsync(string id, string error, long now, CancellationToken ct);
    Task<bool> RequestJobCancelAsync(string id, CancellationToken ct);
    Task<JobRecord?> GetJobAsync(string id, CancellationToken ct);
    Task<IReadOnlyList<JobRecord>> ListJobsAsync(JobStatus? status, string? ownerType, int max, CancellationToken ct);

    Task UpsertSiloAsync(SiloRecord silo, CancellationToken ct);
    Task<IReadOnlyList<SiloRecord>> ListSilosAsync(CancellationToken ct);

    Task<IReadOnlyList<GrainEventRecord>> ReadEventsAsync(GrainId grain, long afterId, int max, CancellationToken ct);
    Task<IReadOnlyList<(string Key, long Etag)>> ListGrainsAsync(string grainType, string? keyPrefix, int max, CancellationToken ct);
    Task<IReadOnlyDictionary<string, long>> CountGrainsByTypeAsync(CancellationToken ct);
}

/// <summary>
/// One turn's transaction. Checks run at once inside it; writes are collected and applied in
/// one batch at commit, in the order they were made. Disposing without commit rolls back.
/// </summary>
internal interface ITurnTransaction : IAsyncDisposable
{
    GrainId Grain { get; }
    bool ReadOnly { get; }

    /// <summary>0 when the grain has no record.</summary>
    long Etag { get; }
    string? StateJson { get; }

    Task<(long Etag, string? Json)> ReadOtherStateAsync(GrainId other);
    Task<IReadOnlyList<ReminderRow>> ReadRemindersAsync();

    /// <summary>Deletes the message if this node still holds it; false means someone else delivered it.</summary>
    Task<bool> TryConsumeOutboxAsync(long id, string owner);

    /// <summary>Locks the reminder row and checks this node still holds the lease for this due time.</summary>
    Task<bool> TryStartReminderTickAsync(string name, string owner, long due);

    /// <summary>Marks a job ended if it is still in the expected shape; false means it already ended or moved.</summary>
    Task<bool> TryFinishJobAsync(string jobId, string? owner, JobStatus status, string? result, string? error, long now);

    void WriteState(string? json);
    void AdvanceReminder(string name, string owner, long due, long nextDue, long now);
    void UpsertReminder(ReminderRow reminder);
    void DeleteReminder(string name);
    void EnqueueJob(NewJob job);
    void RequestJobCancel(string jobId);
    void AddOutbox(GrainId target, string method, string args, long now);
    void AppendEvent(string eventType, string payload, long now);
    void Notify(string topic, string payload);

    /// <summary>Applies the collected writes and commits. Returns the grain's etag after the turn.</summary>
    Task<long> CommitAsync();
}
