using HttmOrleans.Hosting.Capabilities;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.Grains.Jobs;

/// <summary>
/// The owner's side of a job, kept in the owner grain's turns: it hands each attempt to a worker grain
/// placed on a silo with the job's capability, and its watchdog (the owner's reminder) asks that worker
/// whether it still runs the job. A worker whose silo died is gone, so a fresh activation answers no:
/// that attempt failed and the next one goes to a live capable silo, up to <see cref="JobState.MaxAttempts"/>.
/// With no capable silo the job stays queued with a message naming the capability, until one joins.
/// </summary>
public sealed class JobSupervisor(
    IPersistentState<JobState> state,
    IGrainFactory grains,
    SiloCapabilityDirectory capabilities,
    ClusterAdmin journal,
    GrainKey owner,
    ILogger logger)
{
    /// <summary>The owner's reminder that drives <see cref="WatchAsync"/>.</summary>
    public const string ReminderName = "job-watchdog";

    /// <summary>How often the watchdog looks; a dead silo is noticed within about this plus failure detection.</summary>
    public static readonly TimeSpan WatchPeriod = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public JobState Job => state.State;

    /// <summary>A new job (replacing a finished one); dispatched at once when a capable silo is up. Returns its id.</summary>
    public async Task<string> StartAsync(string kind, string capability, int maxAttempts, IJobOwner self, Func<string> payload)
    {
        state.State = new JobState
        {
            JobId = Guid.CreateVersion7().ToString("N"), Kind = kind, Capability = capability, MaxAttempts = maxAttempts,
            Attempt = 1, CreatedAt = DateTimeOffset.UtcNow, Message = WaitingMessage(capability),
        };
        await SaveAsync();
        await DispatchAsync(self, payload);
        return Job.JobId!;
    }

    /// <summary>The text a queued job shows while no silo has its capability.</summary>
    public static string WaitingMessage(string capability) => $"waiting for a silo with capability '{capability}'";

    /// <summary>Whether a report belongs to the attempt the owner waits for.</summary>
    public bool Accepts(string jobId, int attempt) => Job.Active && Job.JobId == jobId && Job.Attempt == attempt;

    /// <summary>Records a progress report of the current attempt.</summary>
    public async Task RecordProgressAsync(JobProgress progress)
    {
        Job.Status = JobStatus.Running;
        Job.Dispatched = true;
        Job.Silo = progress.SiloId;
        Job.StartedAt ??= progress.At;
        Job.Progress = progress.Percent;
        Job.Message = progress.Message;
        Job.Details = progress.Details;
        await SaveAsync();
    }

    /// <summary>
    /// Takes an attempt's end. Returns the outcome that ends the job, or null when another attempt was
    /// started (a retryable failure with attempts left).
    /// </summary>
    public async Task<JobOutcome?> FinishAsync(JobOutcome outcome, IJobOwner self, Func<string> payload)
    {
        if (outcome.Status == JobStatus.Failed && outcome.Retryable && !Job.CancelRequested && Job.FailedAttempts + 1 < Job.MaxAttempts)
        {
            Job.FailedAttempts++;
            await NextAttemptAsync(self, payload, $"attempt {Job.Attempt} failed ({outcome.Error}); retrying");
            return null;
        }

        return await EndAsync(outcome);
    }

    /// <summary>The worker's silo is stopping: the same work goes to another silo, not counted as a failure.</summary>
    public async Task HandedOverAsync(IJobOwner self, Func<string> payload, string siloId)
    {
        Job.Handovers++;
        await NextAttemptAsync(self, payload, $"handed over by silo {siloId}, which is stopping");
    }

    /// <summary>Asks the job to stop. A job no worker runs ends at once: the returned outcome; else null (the worker reports).</summary>
    public async Task<JobOutcome?> CancelAsync()
    {
        Job.CancelRequested = true;
        Job.Message = "stopping";
        if (!Job.Dispatched) return await EndAsync(Outcome(JobStatus.Cancelled, "cancelled by a user"));
        await SaveAsync();
        try
        {
            await Worker(Job.Capability, WorkerKey).Cancel(Job.JobId!).WaitAsync(PingTimeout);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
        {
            // The watchdog finds out: a worker that is gone ends the job as cancelled.
            logger.LogInformation("Cancel of job {Job} not delivered yet: {Error}", Job.JobId, e.Message);
        }

        return null;
    }

    /// <summary>
    /// The watchdog's look: dispatch a queued job, or ask the worker whether it still runs. Returns the
    /// outcome that ends the job when its last attempt was lost, else null.
    /// </summary>
    public async Task<JobOutcome?> WatchAsync(IJobOwner self, Func<string> payload)
    {
        if (!Job.Active) return null;
        if (!Job.Dispatched)
        {
            await DispatchAsync(self, payload);
            return null;
        }

        bool running;
        try
        {
            running = await Worker(Job.Capability, WorkerKey).IsRunning(Job.JobId!).WaitAsync(PingTimeout);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
        {
            // Its silo may be dying but not yet declared dead: ask again at the next tick.
            return null;
        }

        if (running || !Job.Active) return null;
        if (Job.CancelRequested) return await EndAsync(Outcome(JobStatus.Cancelled, "cancelled by a user"));
        var lost = $"attempt {Job.Attempt} was lost with its silo {Job.Silo ?? "(unknown)"}";
        Job.FailedAttempts++;
        if (Job.FailedAttempts >= Job.MaxAttempts)
            return await EndAsync(Outcome(JobStatus.Failed, $"{lost}; no attempts left ({Job.MaxAttempts})"));
        await NextAttemptAsync(self, payload, lost + "; starting another");
        return null;
    }

    private string WorkerKey => new JobTicket(Job.JobId!, Job.Attempt, Job.Kind, Job.Capability, "").WorkerKey;

    private async Task NextAttemptAsync(IJobOwner self, Func<string> payload, string message)
    {
        Job.Attempt++;
        Job.Dispatched = false;
        Job.Status = JobStatus.Queued;
        Job.Message = message;
        await SaveAsync();
        await DispatchAsync(self, payload);
    }

    private async Task DispatchAsync(IJobOwner self, Func<string> payload)
    {
        if (capabilities.ActiveSilosWith(Job.Capability).Count == 0)
        {
            var waiting = WaitingMessage(Job.Capability);
            if (Job.Message != waiting)
            {
                Job.Message = waiting;
                await SaveAsync();
            }

            return;
        }

        var ticket = new JobTicket(Job.JobId!, Job.Attempt, Job.Kind, Job.Capability, payload());
        try
        {
            Job.Silo = await Worker(Job.Capability, ticket.WorkerKey).Start(ticket, self);
        }
        catch (Exception e) when (e is OrleansException or SiloUnavailableException or TimeoutException)
        {
            // No compatible silo after all (it left since the check), or it is unreachable: the watchdog retries.
            logger.LogInformation("Job {Job} attempt {Attempt} not dispatched: {Error}", Job.JobId, Job.Attempt, e.Message);
            Job.Message = WaitingMessage(Job.Capability);
            await SaveAsync();
            return;
        }

        Job.Dispatched = true;
        Job.Status = JobStatus.Running;
        Job.StartedAt ??= DateTimeOffset.UtcNow;
        await SaveAsync();
    }

    private IJobWorkerGrain Worker(string capability, string key) => capability switch
    {
        "gpu" => grains.GetGrain<IGpuJobWorkerGrain>(key),
        "cpu" => grains.GetGrain<ICpuJobWorkerGrain>(key),
        _ => throw new InvalidOperationException($"No worker grain is placed by capability '{capability}' (known: cpu, gpu)."),
    };

    private JobOutcome Outcome(JobStatus status, string error) => new(Job.JobId!, Job.Attempt, Job.Kind, status, null, error, Job.Silo);

    private async Task<JobOutcome> EndAsync(JobOutcome outcome)
    {
        Job.Status = outcome.Status;
        Job.Result = outcome.Result;
        Job.Error = outcome.Error;
        Job.Silo = outcome.SiloId ?? Job.Silo;
        Job.FinishedAt = DateTimeOffset.UtcNow;
        if (outcome.Status == JobStatus.Succeeded) Job.Progress = 100;
        await SaveAsync();
        return outcome with { Attempt = Job.Attempt };
    }

    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        var job = Job;
        try
        {
            await journal.RecordJobAsync(new JobRecord(job.JobId!, owner, job.Kind, job.Capability, job.Status, job.Attempt, job.MaxAttempts,
                job.Handovers, job.Silo, job.Progress, job.Message, job.Details, job.CancelRequested, job.Result, job.Error,
                job.CreatedAt, job.StartedAt, job.FinishedAt));
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // The log is a view; the job's truth is the owner's state, written above.
            logger.LogWarning(e, "Could not write the job log row of {Job}", job.JobId);
        }
    }
}
