using System.Text.Json.Nodes;

namespace HttmOrleans.Grains.Models;

/// <summary>A request to train a new version of a model.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.TrainRequest")]
public sealed record TrainRequest
{
    /// <summary>The version name; <c>v{n}</c> when left out. Unique per model.</summary>
    public string? Version { get; init; }

    /// <summary>Train on this dataset instead of the model's default.</summary>
    public string? DatasetId { get; init; }

    /// <summary>Train on this snapshot; when left out a fresh snapshot of the current samples is taken if they changed.</summary>
    public int? Snapshot { get; init; }

    /// <summary>Take the user features from this features dataset instead of the model's (a task's user-features chef fills it).</summary>
    public string? UserFeaturesDatasetId { get; init; }

    /// <summary>This snapshot of the user features; when left out the freshest one.</summary>
    public int? UserFeaturesSnapshot { get; init; }

    /// <summary>Take the item features from this features dataset instead of the model's.</summary>
    public string? ItemFeaturesDatasetId { get; init; }

    /// <summary>This snapshot of the item features; when left out the freshest one.</summary>
    public int? ItemFeaturesSnapshot { get; init; }

    /// <summary>Retrain from this version's weights (must be completed).</summary>
    public string? BaseVersion { get; init; }

    /// <summary>Overrides of the model's hyperparameters for this version only.</summary>
    public JsonObject? Hyperparameters { get; init; }

    /// <summary>Who asked.</summary>
    public string CreatedBy { get; init; } = "";

    /// <summary>The task that started it, if any.</summary>
    public string? TaskName { get; init; }

    /// <summary>The task run it belongs to, if any.</summary>
    public string? RunId { get; init; }
}
