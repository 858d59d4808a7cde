using System.Text.Json.Nodes;

namespace HttmOrleans.Grains.Models;

/// <summary>What a client gives to create a model.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.CreateModel")]
public sealed record CreateModel
{
    /// <summary>Display name (defaults to the id).</summary>
    public string? Name { get; init; }

    /// <summary><c>recommendation</c> or <c>summarization</c>; inferred from the algorithm when left out.</summary>
    public string? Kind { get; init; }

    /// <summary>An algorithm a registered trainer knows.</summary>
    public required string Algorithm { get; init; }

    /// <summary>Hyperparameters; unknown or out-of-range values are refused, missing ones get defaults.</summary>
    public JsonObject? Hyperparameters { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>The dataset trainings use unless they name another.</summary>
    public string? DatasetId { get; init; }

    /// <summary>A features dataset of the users (<see cref="Datasets.DatasetKinds.Features"/>), for algorithms that use them.</summary>
    public string? UserFeaturesDatasetId { get; init; }

    /// <summary>A features dataset of the items, for algorithms that use them.</summary>
    public string? ItemFeaturesDatasetId { get; init; }

    /// <summary>Who creates it.</summary>
    public string CreatedBy { get; init; } = "";
}
