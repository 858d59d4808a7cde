using HttmOrleans.Grains;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Training;
using HttmOrleans.Recommend.Serving;
using HttmOrleans.Recommend.Training;
using HttmOrleans.Grains.Jobs;
using HttmOrleans.Storage;

namespace HttmOrleans.Api.Serving;

/// <summary>Each node's in-memory recommenders (see <see cref="ActiveVersionCache{T}"/>).</summary>
public sealed class RecommendationServing(IGrainFactory grains, ArtifactCache artifacts, ActiveVersionListener news, ILogger<RecommendationServing> logger)
    : ActiveVersionCache<TrainedRecommender>(grains, artifacts, news, logger)
{
    protected override string Kind => ModelKinds.Recommendation;

    protected override string Verb => "recommend";

    protected override Task<TrainedRecommender> LoadAsync(VersionInfo version, string directory, CancellationToken ct) =>
        Task.Run(() => RecommenderArtifact.Load(directory), ct);
}
