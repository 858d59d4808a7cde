using HttmOrleans.Grains.DataChefs;

namespace HttmOrleans.Grains;

/// <summary>The payload of a data-chef materialization job.</summary>
public sealed record MaterializeJob(string ChefId, string DatasetId, string DatasetKind, string SourceType, string SourceJson, string? Mapping,
    FeatureOptions? Features = null)
{
    /// <summary>The job kind.</summary>
    public const string Kind = "datachef.materialize";
}
