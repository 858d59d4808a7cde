using System.Text.Json;

namespace HttmOrleans.Grains;

/// <summary>The details a training job attaches to its progress: phase, snapshot, figures.</summary>
public sealed record ProgressDetails
{
    /// <summary><c>preparing</c>, <c>training</c> or <c>validating</c>.</summary>
    public string Phase { get; init; } = "training";

    /// <summary>The snapshot being trained on, once known.</summary>
    public int? Snapshot { get; init; }

    /// <summary>step, loss, tokens_per_second, eta_seconds, …</summary>
    public Dictionary<string, double> Figures { get; init; } = [];

    /// <summary>Serialized form.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, GrainJson.Options);

    /// <summary>Reads details; anything unreadable gives empty details.</summary>
    public static ProgressDetails Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return new ProgressDetails();
        try
        {
            return JsonSerializer.Deserialize<ProgressDetails>(json, GrainJson.Options) ?? new ProgressDetails();
        }
        catch (JsonException)
        {
            return new ProgressDetails();
        }
    }
}
