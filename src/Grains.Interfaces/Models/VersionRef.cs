namespace HttmOrleans.Grains.Models;

/// <summary>Names a model version: its grain key is <c>{modelId}/{version}</c>.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.VersionRef")]
public sealed record VersionRef(string ModelId, string Version)
{
    /// <summary>The version grain's key.</summary>
    public string Key => KeyOf(ModelId, Version);

    /// <summary>The version grain's key for a model and version name.</summary>
    public static string KeyOf(string modelId, string version) => modelId + "/" + version;
}
