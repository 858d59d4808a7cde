using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace HttmOrleans.Grains.Jobs;

/// <summary>
/// Runs one attempt of a job on the thread pool, beside its activation, and reports progress and the
/// end to the owner grain. A graceful silo stop cancels the work and hands the attempt back
/// (<see cref="IJobOwner.OnJobHandedOver"/>); a trainer crash becomes a failed outcome with its message.
/// </summary>
public abstract class JobWorkerGrain(IEnumerable<IJobHandler> handlers, ILocalSiloDetails silo, GrainsOptions options, JobSlots slots, ILogger logger)
    : Grain, IJobWorkerGrain, IDisposable
{
    private static readonly TimeSpan HandoverWait = TimeSpan.FromSeconds(20);

    private JobTicket? _ticket;
    private IJobOwner? _owner;
    private readonly CancellationTokenSource _stop = new();
    private Task<JobOutcome?>? _run;
    private volatile bool _handingOver;
    private DateTimeOffset _lastReport = DateTimeOffset.MinValue;

    private string SiloName => silo.Name;

    public Task<string> Start(JobTicket ticket, IJobOwner owner)
    {
        if (_ticket is not null) return Task.FromResult(SiloName);
        var handler = handlers.FirstOrDefault(h => h.Kind == ticket.Kind)
            ?? throw new InvalidOperationException($"Silo {SiloName} has no handler for jobs of kind '{ticket.Kind}'.");
        _ticket = ticket;
        _owner = owner;
        var context = new JobContext(ticket, SiloName, ReportAsync);
        _run = Task.Run(() => RunAsync(handler, context));
        _ = DeliverWhenDoneAsync();
        return Task.FromResult(SiloName);
    }

    public void Dispose()
    {
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    public Task<bool> IsRunning(string jobId) => Task.FromResult(_ticket?.JobId == jobId && _run is not null);

    public Task Cancel(string jobId)
    {
        if (_ticket?.JobId == jobId) _stop.Cancel();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_run is { IsCompleted: false } run && _ticket is { } ticket && _owner is { } owner)
        {
            // Deactivated while working: only a stopping silo does that (pings keep a busy worker alive).
            _handingOver = true;
            await _stop.CancelAsync();
            await Task.WhenAny(run, Task.Delay(HandoverWait, CancellationToken.None));
            logger.LogInformation("Handing job {Job} attempt {Attempt} over ({Reason})", ticket.JobId, ticket.Attempt, reason.Description);
            try
            {
                await owner.OnJobHandedOver(ticket.JobId, ticket.Attempt, SiloName).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
            {
                // The owner's watchdog finds the worker gone and starts another attempt.
                logger.LogWarning("Handover of job {Job} not delivered: {Error}", ticket.JobId, e.Message);
            }
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task<JobOutcome?> RunAsync(IJobHandler handler, JobContext context)
    {
        var ticket = _ticket!;
        try
        {
            using var slot = await slots.EnterAsync(context, _stop.Token);
            var result = await handler.RunAsync(context, _stop.Token);
            return new JobOutcome(ticket.JobId, ticket.Attempt, ticket.Kind, JobStatus.Succeeded, result, null, SiloName);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return _handingOver ? null : new JobOutcome(ticket.JobId, ticket.Attempt, ticket.Kind, JobStatus.Cancelled, null, "cancelled by a user", SiloName);
        }
        catch (JobRetryableException e)
        {
            return new JobOutcome(ticket.JobId, ticket.Attempt, ticket.Kind, JobStatus.Failed, null, e.Message, SiloName, Retryable: true);
        }
        catch (Exception e)
        {
            if (_handingOver) return null;
            logger.LogWarning(e, "Job {Job} ({Kind}) attempt {Attempt} failed", ticket.JobId, ticket.Kind, ticket.Attempt);
            return new JobOutcome(ticket.JobId, ticket.Attempt, ticket.Kind, JobStatus.Failed, null, e.Message, SiloName);
        }
    }

    /// <summary>Runs on the activation: tells the owner how the attempt ended, repeating until it hears back.</summary>
    private async Task DeliverWhenDoneAsync()
    {
        var outcome = await _run!;
        if (outcome is null || _handingOver) return;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _owner!.OnJobFinished(outcome);
                break;
            }
            catch (Exception e) when (attempt < 30 && e is TimeoutException or OrleansException or SiloUnavailableException)
            {
                logger.LogInformation("Job {Job}: owner not reached ({Error}); retrying", outcome.JobId, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }

        DeactivateOnIdle();
    }

    private async Task ReportAsync(double percent, string? message, string? details, bool force)
    {
        var now = DateTimeOffset.UtcNow;
        if (!force && now - _lastReport < options.ProgressInterval) return;
        _lastReport = now;
        var ticket = _ticket!;
        try
        {
            await _owner!.OnJobProgress(new JobProgress(ticket.JobId, ticket.Attempt, ticket.Kind, percent, message, details, SiloName, now));
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
        {
            // Progress is advisory; the end is delivered with retries.
            logger.LogDebug("Progress of job {Job} not delivered: {Error}", ticket.JobId, e.Message);
        }
    }
}
