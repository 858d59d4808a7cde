namespace HttmOrleans.Grains.Models;

/// <summary>A model's registry (also its grain state).</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.RegistryInfo")]
public sealed class RegistryInfo
{
    /// <summary>The model.</summary>
    public string ModelId { get; set; } = "";
    /// <summary>The active version, if any.</summary>
    public string? ActiveVersion { get; set; }
    /// <summary>When it became active.</summary>
    public DateTimeOffset? ActivatedAt { get; set; }
    /// <summary>Every change, oldest first.</summary>
    public List<ActivationEntry> History { get; set; } = [];
    /// <summary>Versions deleted since (never rolled back to).</summary>
    public List<string> Deleted { get; set; } = [];
}
