using System.Text.Json.Nodes;

namespace HttmOrleans.Grains.Models;

/// <summary>Everything a version needs to train, fixed when the model starts it.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.VersionSpec")]
public sealed record VersionSpec
{
    /// <summary>The model.</summary>
    public required string ModelId { get; init; }

    /// <summary>The version name.</summary>
    public required string Version { get; init; }

    /// <summary>recommendation or summarization.</summary>
    public required string Kind { get; init; }

    /// <summary>The trainer's algorithm.</summary>
    public required string Algorithm { get; init; }

    /// <summary>Resolved hyperparameters.</summary>
    public required JsonObject Parameters { get; init; }

    /// <summary>The dataset to train on.</summary>
    public required string DatasetId { get; init; }

    /// <summary>The snapshot, or null for "fresh snapshot when samples changed".</summary>
    public int? Snapshot { get; init; }

    /// <summary>The user features dataset, if any.</summary>
    public string? UserFeaturesDatasetId { get; init; }

    /// <summary>Its snapshot, or null for the freshest.</summary>
    public int? UserFeaturesSnapshot { get; init; }

    /// <summary>The item features dataset, if any.</summary>
    public string? ItemFeaturesDatasetId { get; init; }

    /// <summary>Its snapshot, or null for the freshest.</summary>
    public int? ItemFeaturesSnapshot { get; init; }

    /// <summary>Base version to start from.</summary>
    public string? BaseVersion { get; init; }

    /// <summary>The base version's artifact id.</summary>
    public string? BaseArtifactId { get; init; }

    /// <summary>The silo capability the trainer needs.</summary>
    public required string Capability { get; init; }

    /// <summary>Who asked.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>When the model accepted it.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The task that started it.</summary>
    public string? TaskName { get; init; }

    /// <summary>The task run.</summary>
    public string? RunId { get; init; }
}
