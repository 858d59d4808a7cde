using System.Text.Json.Nodes;

namespace HttmOrleans.Grains.DataChefs;

/// <summary>A data chef (also its grain state).</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.DataChefInfo")]
public sealed class DataChefInfo
{
    /// <summary>The id.</summary>
    public string Id { get; set; } = "";
    /// <summary>Display name.</summary>
    public string Name { get; set; } = "";
    /// <summary><c>csv</c>, <c>sql</c>, <c>api</c>, <c>message_queue</c>.</summary>
    public string SourceType { get; set; } = "";
    /// <summary>The source settings as given (secrets included; redact before returning).</summary>
    public JsonObject Source { get; set; } = [];
    /// <summary>Column mapping (<c>from->to,…</c> or <c>from:to,…</c>).</summary>
    public string? Mapping { get; set; }
    /// <summary>The dataset it fills.</summary>
    public string DatasetId { get; set; } = "";
    /// <summary>The dataset kind.</summary>
    public string Kind { get; set; } = "";
    /// <summary>For a features dataset: column types, buckets and the multi-value separator.</summary>
    public FeatureOptions? Features { get; set; }
    /// <summary>Who made it.</summary>
    public string CreatedBy { get; set; } = "";
    /// <summary>When.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The materialization going now.</summary>
    public string? RunningJob { get; set; }
    /// <summary>The last materialization's outcome.</summary>
    public MaterializationInfo? Last { get; set; }
    /// <summary>Who waits for the running job: task name and run id.</summary>
    public string? WaitingTask { get; set; }
    /// <summary>The waiting task's run id.</summary>
    public string? WaitingRun { get; set; }
}
