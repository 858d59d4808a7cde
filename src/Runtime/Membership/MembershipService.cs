using System.Diagnostics;
using System.Text.Json;
using HttmOrleans.Runtime.Hosting;
using HttmOrleans.Runtime.Jobs;
using HttmOrleans.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.Runtime.Membership;

/// <summary>Writes this node's membership row: who it is, what it can run, and how loaded it is.</summary>
internal sealed class MembershipService(IRuntimeStore store, SiloIdentity silo, SiloOptions options, JobWorker jobs, ILogger<MembershipService> logger)
{
    private TimeSpan _lastCpu;
    private long _lastSample = Stopwatch.GetTimestamp();

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await WriteAsync("active", ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Membership heartbeat failed");
            }
            try { await Task.Delay(options.HeartbeatInterval, ct); } catch (OperationCanceledException) { break; }
        }
    }

    public Task WriteAsync(string status, CancellationToken ct) => store.UpsertSiloAsync(new SiloRecord(
        silo.Id, options.Role, options.Address, options.EffectiveCapabilities, silo.Version, silo.StartedAt, DateTimeOffset.UtcNow,
        Load(), status), ct);

    private string Load()
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var now = Stopwatch.GetTimestamp();
        var elapsed = Stopwatch.GetElapsedTime(_lastSample, now).TotalMilliseconds;
        var cpuPercent = elapsed > 0 ? (cpu - _lastCpu).TotalMilliseconds / elapsed / Environment.ProcessorCount * 100 : 0;
        _lastCpu = cpu;
        _lastSample = now;
        return JsonSerializer.Serialize(new
        {
            runningJobs = jobs.RunningCount,
            maxJobs = options.MaxConcurrentJobs,
            jobIds = jobs.RunningJobIds,
            cpuPercent = Math.Round(cpuPercent, 1),
            workingSetMb = process.WorkingSet64 / (1024 * 1024),
        });
    }
}
