using HttmOrleans.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.Runtime.Jobs;

internal sealed partial class JobWorker
{
    private async Task RunJobAsync(RunningJob running)
    {
        var job = running.Job;
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(running, heartbeatStop.Token);
        var context = new JobContext(job.Id, job.Kind, job.Payload, job.Attempts, job.Owner, _silo.Id,
            (percent, message, details, force) => ReportProgressAsync(running, percent, message, details, force));

        JobStatus status;
        string? result = null;
        string? error = null;
        var retry = false;
        try
        {
            result = await _handlers[job.Kind].RunAsync(context, running.Token);
            status = JobStatus.Succeeded;
        }
        catch (OperationCanceledException) when (running.Token.IsCancellationRequested)
        {
            status = JobStatus.Cancelled;
            error = "cancelled";
        }
        catch (JobRetryableException e)
        {
            status = JobStatus.Failed;
            error = e.Message;
            retry = true;
        }
        catch (Exception e)
        {
            status = JobStatus.Failed;
            error = e.Message;
        }
        await heartbeatStop.CancelAsync();
        await heartbeat;

        switch (running.Reason)
        {
            case JobStopReason.Shutdown when status != JobStatus.Succeeded:
                if (await Store.HandBackJobAsync(job.Id, _silo.Id, CancellationToken.None))
                    _logger.LogInformation("Handed job {Job} back to the queue on shutdown", job.Id);
                return;
            case JobStopReason.LeaseLost:
                _logger.LogWarning("Lost the lease of job {Job}; another silo owns it now", job.Id);
                return;
        }
        if (retry)
        {
            var backoff = Math.Min(60_000, 1000L << Math.Min(job.Attempts, 6));
            if (await Store.RequeueJobAsync(job.Id, _silo.Id, error!, Now + backoff, CancellationToken.None)) return;
        }
        var outcome = new JobOutcome(job.Id, job.Kind, status, result, error, job.Attempts, _silo.Id);
        await DeliverOutcomeAsync(job.Owner, outcome, transaction => transaction.TryFinishJobAsync(job.Id, _silo.Id, status, result, error, Now));
    }

    private async Task HeartbeatAsync(RunningJob running, CancellationToken ct)
    {
        var interval = _options.JobLease / 3;
        while (!ct.IsCancellationRequested)
        {
            await running.WaitForPokeAsync(interval, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (ct.IsCancellationRequested) return;
            try
            {
                var beat = await Store.HeartbeatJobAsync(running.Job.Id, _silo.Id, Now, Now + (long)_options.JobLease.TotalMilliseconds, ct);
                if (!beat.Held) running.Stop(JobStopReason.LeaseLost);
                else if (beat.CancelRequested) running.Stop(JobStopReason.Cancelled);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database is unreachable: keep running; the lease tells whether we still own the job once it is back.
                _logger.LogWarning(e, "Heartbeat of job {Job} failed", running.Job.Id);
            }
        }
    }

    private async Task ReportProgressAsync(RunningJob running, double percent, string? message, string? details, bool force)
    {
        var now = Now;
        if (force || now - running.LastRowProgressAt >= 250)
        {
            running.LastRowProgressAt = now;
            await Store.UpdateJobProgressAsync(running.Job.Id, _silo.Id, percent, message, details, CancellationToken.None);
        }
        if (!force && now - running.LastOwnerProgressAt < (long)_options.ProgressInterval.TotalMilliseconds) return;
        running.LastOwnerProgressAt = now;
        var type = _runtime.Types.Find(running.Job.Owner.Type);
        if (type is null || !typeof(IJobProgressObserver).IsAssignableFrom(type.Class)) return;
        var progress = new JobProgress(running.Job.Id, running.Job.Kind, percent, message, details, _silo.Id, UnixMs.To(now));
        try
        {
            await _runtime.RunTurnAsync(running.Job.Owner, type, readOnly: false, null, async grain =>
            {
                await ((IJobProgressObserver)grain).OnJobProgress(progress);
                return null;
            }, CancellationToken.None);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Progress of job {Job} was not delivered to {Owner}", running.Job.Id, running.Job.Owner);
        }
    }

    /// <summary>Delivers a job's end as a turn of its owner; the same transaction marks the job finished, so it happens once.</summary>
    private async Task DeliverOutcomeAsync(GrainId owner, JobOutcome outcome, Func<ITurnTransaction, Task<bool>> finish)
    {
        var type = _runtime.Types.Find(owner.Type);
        if (type is null)
        {
            await Store.MarkJobFailedAsync(outcome.JobId, $"no grain class for owner type '{owner.Type}' on silo {_silo.Id}", Now, CancellationToken.None);
            return;
        }
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await _runtime.RunTurnAsync(owner, type, readOnly: false, finish, async grain =>
                {
                    if (grain is not IJobOwner jobOwner) throw new InvalidOperationException($"{type.Class.Name} enqueued a job but is not an IJobOwner.");
                    await jobOwner.OnJobFinished(outcome);
                    return null;
                }, CancellationToken.None);
                return;
            }
            catch (Exception e)
            {
                last = e;
                _logger.LogWarning(e, "Delivering the end of job {Job} to {Owner} failed (try {Try})", outcome.JobId, owner, attempt + 1);
                await Task.Delay(200 * (attempt + 1));
            }
        }
        await Store.MarkJobFailedAsync(outcome.JobId, $"delivering the result to {owner} failed: {last?.Message}", Now, CancellationToken.None);
    }
}
