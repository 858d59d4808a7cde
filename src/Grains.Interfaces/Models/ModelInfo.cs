using System.Text.Json.Nodes;

namespace HttmOrleans.Grains.Models;

/// <summary>A model (also its grain state).</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.ModelInfo")]
public sealed class ModelInfo
{
    /// <summary>The id (grain key).</summary>
    public string Id { get; set; } = "";

    /// <summary>Display name.</summary>
    public string Name { get; set; } = "";

    /// <summary>recommendation or summarization.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The trainer's algorithm.</summary>
    public string Algorithm { get; set; } = "";

    /// <summary>Resolved hyperparameters (defaults filled in).</summary>
    public JsonObject Hyperparameters { get; set; } = [];

    /// <summary>Free text.</summary>
    public string? Description { get; set; }

    /// <summary>Default dataset for trainings.</summary>
    public string? DatasetId { get; set; }

    /// <summary>The users' features dataset, if any; trainings read its newest snapshot unless a task gives one.</summary>
    public string? UserFeaturesDatasetId { get; set; }

    /// <summary>The items' features dataset, if any.</summary>
    public string? ItemFeaturesDatasetId { get; set; }

    /// <summary>Who created it.</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Versions, oldest first.</summary>
    public List<VersionSummary> Versions { get; set; } = [];

    /// <summary>Counter behind automatic version names (v1, v2, …).</summary>
    public int Counter { get; set; }
}
