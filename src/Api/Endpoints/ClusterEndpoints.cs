using System.Text.Json.Nodes;
using HttmOrleans.Runtime;
using HttmOrleans.Runtime.Hosting;

namespace HttmOrleans.Api.Endpoints;

internal static class ClusterEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/silos", async (ClusterAdmin admin, SiloOptions silo, CancellationToken ct) =>
        {
            var now = DateTimeOffset.UtcNow;
            var deadAfter = silo.HeartbeatInterval * 3;
            return (await admin.ListSilosAsync(ct)).Select(s => new
            {
                id = s.SiloId, role = s.Role, address = s.Address, capabilities = s.Capabilities, version = s.Version,
                started_at = s.StartedAt, last_heartbeat = s.LastHeartbeat,
                uptime_seconds = Math.Round(((s.Status == "active" ? now : s.LastHeartbeat) - s.StartedAt).TotalSeconds),
                status = s.Status == "active" && now - s.LastHeartbeat > deadAfter ? "dead" : s.Status,
                load = TryParse(s.Load),
            });
        }).WithTags("cluster").WithSummary("Silo membership: capabilities, version, uptime, heartbeat, load; dead silos flagged.");

        api.MapGet("/jobs", async (ClusterAdmin admin, IGrainFactory grains, string? status, CancellationToken ct) =>
        {
            JobStatus? filter = status is null ? null : Enum.TryParse<JobStatus>(status, ignoreCase: true, out var s) ? s
                : throw new HttmOrleans.Grains.ValidationException("status", "Must be queued, running, succeeded, failed or cancelled.");
            return await DataChefViews.ScrubJobsAsync(await admin.ListJobsAsync(filter, null, 200, ct), admin, grains);
        }).WithTags("cluster").WithSummary("Recent jobs (trainings, materializations) with their silo and progress.");
    }

    private static JsonNode? TryParse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
    }
}
