using HttmOrleans.Hosting.Cluster;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Api.Endpoints;

internal static class ClusterEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/silos", async (ClusterView cluster, CancellationToken ct) => (await cluster.ListSilosAsync(ct)).Select(s => new
        {
            id = s.Name, silo_address = s.Id, role = s.Role, address = s.Address, capabilities = s.Capabilities, status = s.Status,
            started_at = s.StartedAt, last_alive_at = s.LastAliveAt,
            uptime_seconds = Math.Round(((s.Status == "dead" ? s.LastAliveAt : DateTimeOffset.UtcNow) - s.StartedAt).TotalSeconds),
            activations = s.Activations, problem = s.Problem,
            host = s.Usage?.Host, pid = s.Usage?.ProcessId, usage = Usage(s.Usage),
        })).WithTags("cluster").WithSummary(
            "Orleans membership: silos with role, capabilities, status (active / dead / shutting down) and activations; "
            + "host, process id and CPU / memory of each silo process with its children (trainers), now and over the last two minutes.");

        api.MapGet("/jobs", async (ClusterAdmin admin, IGrainFactory grains, string? status, CancellationToken ct) =>
        {
            JobStatus? filter = status is null ? null : Enum.TryParse<JobStatus>(status, ignoreCase: true, out var s) ? s
                : throw new ValidationException("status", "Must be queued, running, succeeded, failed or cancelled.");
            return await DataChefViews.ScrubJobsAsync(await admin.ListJobsAsync(filter, null, 200, ct), admin, grains);
        }).WithTags("cluster").WithSummary("Recent jobs (trainings, materializations) with their silo and progress.");
    }

    /// <summary>The latest reading with the children's share, and the history as points for a chart (CPU: 100 = one core).</summary>
    private static object? Usage(SiloUsageReport? report)
    {
        if (report is not { Samples: [.., var last] }) return null;
        return new
        {
            cpu_percent = last.CpuPercent, memory_bytes = last.MemoryBytes, child_processes = last.ChildProcesses,
            child_cpu_percent = last.ChildCpuPercent, child_memory_bytes = last.ChildMemoryBytes, sampled_at = last.At,
            history = report.Samples.Select(x => new { at = x.At, cpu_percent = x.CpuPercent, memory_bytes = x.MemoryBytes }),
        };
    }
}
