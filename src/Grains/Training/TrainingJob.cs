namespace HttmOrleans.Grains;

/// <summary>The payload of a training job.</summary>
public sealed record TrainingJob(
    string ModelId,
    string Version,
    string ModelKind,
    string Algorithm,
    string ParametersJson,
    string DatasetId,
    int? Snapshot,
    string? BaseArtifactId,
    string? UserFeaturesDatasetId = null,
    int? UserFeaturesSnapshot = null,
    string? ItemFeaturesDatasetId = null,
    int? ItemFeaturesSnapshot = null)
{
    /// <summary>The job kind silos register a handler for.</summary>
    public const string Kind = "train";
}
