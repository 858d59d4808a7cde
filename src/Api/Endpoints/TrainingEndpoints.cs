using HttmOrleans.Grains;
using HttmOrleans.Grains.Models;

namespace HttmOrleans.Api.Endpoints;

/// <summary>Every running training and the latest finished ones across models, for one request per refresh of the Training page.</summary>
internal static class TrainingEndpoints
{
    private const int DefaultFinished = 12;
    private const int MaxFinished = 200;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/trainings", async (ClusterAdmin admin, int? finished, CancellationToken ct) =>
        {
            var keep = Math.Clamp(finished ?? DefaultFinished, 0, MaxFinished);
            // Read from the store, as listings are: no version grain is activated to show the page.
            var all = await admin.ListStatesAsync<VersionInfo>(GrainTypes.ModelVersion, ct: ct);
            var running = all.Where(v => !VersionStatus.IsFinal(v.Status)).OrderByDescending(v => v.CreatedAt);
            var ended = all.Where(v => VersionStatus.IsFinal(v.Status)).OrderByDescending(v => v.CompletedAt ?? v.CreatedAt).Take(keep);
            return new { running = running.ToList(), finished = ended.ToList() };
        }).WithTags("models")
            .WithSummary("Running trainings (newest first) and the latest finished ones (?finished=12, at most 200), with figures and curves.");
    }
}
