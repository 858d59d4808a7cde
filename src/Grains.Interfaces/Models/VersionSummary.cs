namespace HttmOrleans.Grains.Models;

/// <summary>A version as the model lists it.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.VersionSummary")]
public sealed record VersionSummary(string Version, string Key, DateTimeOffset CreatedAt, string CreatedBy);
