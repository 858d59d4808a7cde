namespace HttmOrleans.Grains.DataChefs;

/// <summary>
/// How a chef of a features dataset turns a wide table into features, in the texts an import takes as query
/// parameters: <c>types</c> (<c>zip:categorical,age:numeric</c>), <c>buckets</c> (<c>age:18,25,35,50</c>) and
/// <c>separator</c> of multi-valued cells (default <c>|</c>, <c>none</c> for none).
/// </summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.FeatureOptions")]
public sealed record FeatureOptions
{
    /// <summary>Column types given; the others are inferred.</summary>
    public string? Types { get; init; }

    /// <summary>Bucket bounds of numeric columns.</summary>
    public string? Buckets { get; init; }

    /// <summary>The separator of multi-valued cells.</summary>
    public string? Separator { get; init; }
}
