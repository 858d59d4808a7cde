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
