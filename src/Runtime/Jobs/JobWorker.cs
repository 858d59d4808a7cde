using System.Collections.Concurrent;
using HttmOrleans.Runtime.Core;
using HttmOrleans.Runtime.Hosting;
using HttmOrleans.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.Runtime.Jobs;

/// <summary>
/// Claims jobs this node can run (its capabilities and handler kinds), keeps their leases alive,
/// and delivers how each ended to the owning grain, in the turn that marks the job finished.
/// </summary>
internal sealed partial class JobWorker
{
    private readonly GrainRuntime _runtime;
    private readonly SiloIdentity _silo;
    private readonly SiloOptions _options;
    private readonly Dictionary<string, IJobHandler> _handlers;
    private readonly ILogger<JobWorker> _logger;
    private readonly ConcurrentDictionary<string, RunningJob> _running = new();

    public JobWorker(GrainRuntime runtime, SiloIdentity silo, SiloOptions options, IEnumerable<IJobHandler> handlers, ILogger<JobWorker> logger)
    {
        _runtime = runtime;
        _silo = silo;
        _options = options;
        _logger = logger;
        _handlers = handlers.GroupBy(h => h.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    }

    public int RunningCount => _running.Count;
    public IReadOnlyCollection<string> RunningJobIds => [.. _running.Keys];

    private IRuntimeStore Store => _runtime.Store;
    private long Now => UnixMs.From(_runtime.Time.GetUtcNow());

    /// <summary>Claims and runs jobs until <paramref name="stopping"/> fires, then hands running jobs back.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var waker = new Waker(Store.Signals, SignalTopics.Jobs);
        using var cancels = Store.Signals.Subscribe((topic, payload) =>
        {
            if (topic == SignalTopics.JobCancel && _running.TryGetValue(payload, out var job)) job.Poke();
        });
        var kinds = _handlers.Keys.ToArray();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await FinalizeAbandonedAsync(stopping);
                while (kinds.Length > 0 && _running.Count < _options.MaxConcurrentJobs && !stopping.IsCancellationRequested)
                {
                    var claimed = await Store.ClaimJobAsync(_silo.Id, _options.EffectiveCapabilities, kinds, Now,
                        Now + (long)_options.JobLease.TotalMilliseconds, stopping);
                    if (claimed is null) break;
                    Start(claimed);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Job claim round failed");
            }
            await waker.WaitAsync(_options.PollInterval, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await HandBackAllAsync();
    }

    private void Start(ClaimedJob claimed)
    {
        var running = new RunningJob(claimed);
        _running[claimed.Id] = running;
        _logger.LogInformation("Silo {Silo} runs job {Job} ({Kind}), attempt {Attempt}/{Max}", _silo.Id, claimed.Id, claimed.Kind, claimed.Attempts, claimed.MaxAttempts);
        running.Completion = Task.Run(async () =>
        {
            try
            {
                await RunJobAsync(running);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Job {Job} ended abnormally on this silo", claimed.Id);
            }
            finally
            {
                _running.TryRemove(claimed.Id, out _);
                running.Dispose();
            }
        });
    }

    /// <summary>A graceful stop: every running job is cancelled and returned to the queue without using up an attempt.</summary>
    private async Task HandBackAllAsync()
    {
        var running = _running.Values.ToArray();
        foreach (var job in running) job.Stop(JobStopReason.Shutdown);
        await Task.WhenAll(running.Select(j => j.Completion ?? Task.CompletedTask));
    }

    /// <summary>Ends jobs nobody runs any more: leases expired with no attempts left, or cancelled before they ran.</summary>
    private async Task FinalizeAbandonedAsync(CancellationToken ct)
    {
        foreach (var job in await Store.FindJobsToFinalizeAsync(Now, 16, ct))
        {
            var outcome = new JobOutcome(job.Id, job.Kind, job.Status, null, job.Error, job.Attempts, null);
            await DeliverOutcomeAsync(job.Owner, outcome, transaction => transaction.TryFinishJobAsync(job.Id, null, job.Status, null, job.Error, Now));
        }
    }
}
