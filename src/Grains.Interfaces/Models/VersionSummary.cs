namespace HttmOrleans.Grains.Models;

/// <summary>A version as the model lists it.</summary>
public sealed record VersionSummary(string Version, string Key, DateTimeOffset CreatedAt, string CreatedBy);
