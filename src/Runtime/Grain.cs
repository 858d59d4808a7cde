using System.Text.Json;
using HttmOrleans.Runtime.Core;
using HttmOrleans.Runtime.Storage;

namespace HttmOrleans.Runtime;

/// <summary>
/// Base of every grain. An instance lives for one turn: everything it must remember goes in
/// persisted state (<see cref="Grain{TState}"/>). Reminders, messages, jobs and events it makes
/// are written in the turn's transaction, so they happen exactly when the turn commits.
/// </summary>
public abstract class Grain
{
    /// <summary>The shortest reminder period the runtime schedules.</summary>
    public static readonly TimeSpan MinReminderPeriod = TimeSpan.FromSeconds(1);

    private TurnScope? _scope;

    internal TurnScope Scope => _scope ?? throw new GrainCallException("A grain can be used only inside a turn, through a grain reference.");
    internal void Attach(TurnScope scope) => _scope = scope;
    internal virtual void LoadState(string? json, long etag) { }

    public string GetPrimaryKeyString() => Scope.Grain.Key;

    protected GrainId GrainId => Scope.Grain;
    protected IGrainFactory GrainFactory => Scope.Runtime.Factory;
    protected DateTimeOffset Now => UnixMs.To(Scope.Now);

    /// <summary>Registers (or re-times) a durable reminder. It first fires after <paramref name="dueTime"/>, then every <paramref name="period"/>.</summary>
    protected Task<GrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        if (period < MinReminderPeriod)
            throw new ArgumentOutOfRangeException(nameof(period), period, $"A reminder period is at least {MinReminderPeriod.TotalSeconds} s.");
        if (dueTime < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "The due time cannot be negative.");
        var due = Scope.Now + (long)dueTime.TotalMilliseconds;
        var periodMs = (long)period.TotalMilliseconds;
        Scope.Transaction.UpsertReminder(new ReminderRow(GrainId, reminderName, periodMs, due, due, 0, null));
        return Task.FromResult(new GrainReminder(reminderName, period, UnixMs.To(due), 0, null));
    }

    protected Task UnregisterReminder(string reminderName)
    {
        Scope.Transaction.DeleteReminder(reminderName);
        return Task.CompletedTask;
    }

    protected async Task<GrainReminder?> GetReminder(string reminderName) =>
        (await GetReminders()).FirstOrDefault(r => r.Name == reminderName);

    protected async Task<IReadOnlyList<GrainReminder>> GetReminders() =>
        [.. (await Scope.Transaction.ReadRemindersAsync()).Select(r => new GrainReminder(r.Name, TimeSpan.FromMilliseconds(r.PeriodMs),
            UnixMs.To(r.DueAt), r.TickCount, r.LastTickAt is { } last ? UnixMs.To(last) : null))];

    /// <summary>A one-way call to another grain, delivered after this turn commits (at least once; make handlers idempotent).</summary>
    protected void Send<TGrain>(string key, Func<TGrain, Task> call) where TGrain : class, IGrainWithStringKey =>
        Scope.Runtime.Send(Scope, key, call);

    /// <summary>Queues a job for a silo with the request's capability. Its end comes back through <see cref="IJobOwner"/>.</summary>
    protected string EnqueueJob(JobRequest request)
    {
        ArgumentException.ThrowIfNullOrEmpty(request.Kind);
        ArgumentException.ThrowIfNullOrEmpty(request.Capability);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxAttempts, 1);
        var id = Guid.CreateVersion7().ToString("N");
        Scope.Transaction.EnqueueJob(new NewJob(id, GrainId, request, Scope.Now));
        return id;
    }

    /// <summary>Asks a job to stop. A queued job ends as cancelled; a running one sees its cancellation token fire.</summary>
    protected void CancelJob(string jobId) => Scope.Transaction.RequestJobCancel(jobId);

    protected Task<JobRecord?> GetJob(string jobId) => Scope.Runtime.Store.GetJobAsync(jobId, CancellationToken.None);

    /// <summary>Records what happened, for history views; written with the turn.</summary>
    protected void RaiseEvent<TEvent>(TEvent @event) where TEvent : notnull =>
        Scope.Transaction.AppendEvent(typeof(TEvent).Name, JsonSerializer.Serialize(@event, RuntimeJson.Options), Scope.Now);

    /// <summary>Records what happened under an explicit event type (e.g. <c>activated</c>).</summary>
    protected void RaiseEvent(string eventType, object payload) =>
        Scope.Transaction.AppendEvent(eventType, JsonSerializer.Serialize(payload, payload.GetType(), RuntimeJson.Options), Scope.Now);

    /// <summary>Publishes a cluster-wide signal at commit (PostgreSQL NOTIFY; in-process on SQLite).</summary>
    protected void Signal(string topic, string payload) => Scope.Transaction.Notify(topic, payload);

    /// <summary>Reads another grain's last committed state without calling it.</summary>
    protected async Task<TState?> ReadStateOf<TGrain, TState>(string key) where TGrain : IGrainWithStringKey where TState : class
    {
        var type = Scope.Runtime.Types.Get(typeof(TGrain));
        var (_, json) = await Scope.Transaction.ReadOtherStateAsync(new GrainId(type.Name, key));
        return json is null ? null : JsonSerializer.Deserialize<TState>(json, RuntimeJson.Options);
    }
}
