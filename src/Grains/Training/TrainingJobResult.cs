namespace HttmOrleans.Grains;

/// <summary>What a successful training job returns to its version.</summary>
public sealed record TrainingJobResult(
    string ArtifactId,
    long ArtifactSize,
    int Snapshot,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, string>? Details,
    int? UserFeaturesSnapshot = null,
    int? ItemFeaturesSnapshot = null);
