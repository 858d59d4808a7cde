using System.Text.Json.Nodes;

namespace HttmOrleans.Grains.Models;

/// <summary>A model version (also its grain state).</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.VersionInfo")]
public sealed class VersionInfo
{
    /// <summary>The model.</summary>
    public string ModelId { get; set; } = "";
    /// <summary>The version name.</summary>
    public string Version { get; set; } = "";
    /// <summary>recommendation or summarization.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The algorithm.</summary>
    public string Algorithm { get; set; } = "";
    /// <summary>See <see cref="VersionStatus"/>.</summary>
    public string Status { get; set; } = VersionStatus.Initializing;
    /// <summary>0–100.</summary>
    public double Progress { get; set; }
    /// <summary>What it is doing now.</summary>
    public string? Message { get; set; }
    /// <summary>The latest progress figures (step, loss, tokens_per_second, eta_seconds, …).</summary>
    public Dictionary<string, double> Figures { get; set; } = [];
    /// <summary>Metrics once completed.</summary>
    public Dictionary<string, double> Metrics { get; set; } = [];
    /// <summary>Extra facts from the trainer.</summary>
    public Dictionary<string, string> Details { get; set; } = [];
    /// <summary>Content address of the artifact.</summary>
    public string? ArtifactId { get; set; }
    /// <summary>Artifact size in bytes.</summary>
    public long? ArtifactSize { get; set; }
    /// <summary>Resolved hyperparameters used.</summary>
    public JsonObject Parameters { get; set; } = [];
    /// <summary>Version it was retrained from.</summary>
    public string? BaseVersion { get; set; }
    /// <summary>Base artifact.</summary>
    public string? BaseArtifactId { get; set; }
    /// <summary>The dataset.</summary>
    public string DatasetId { get; set; } = "";
    /// <summary>The snapshot trained on (known once the job has taken it).</summary>
    public int? Snapshot { get; set; }
    /// <summary>The user features dataset, if the model has one.</summary>
    public string? UserFeaturesDatasetId { get; set; }
    /// <summary>The user features snapshot trained on (known once the job has taken it).</summary>
    public int? UserFeaturesSnapshot { get; set; }
    /// <summary>The item features dataset, if the model has one.</summary>
    public string? ItemFeaturesDatasetId { get; set; }
    /// <summary>The item features snapshot trained on (known once the job has taken it).</summary>
    public int? ItemFeaturesSnapshot { get; set; }
    /// <summary>The capability required.</summary>
    public string Capability { get; set; } = "cpu";
    /// <summary>Who asked.</summary>
    public string CreatedBy { get; set; } = "";
    /// <summary>When it was accepted.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When a silo started training it.</summary>
    public DateTimeOffset? StartedAt { get; set; }
    /// <summary>When it ended (any final state).</summary>
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>Seconds from start of training to the end.</summary>
    public double? TrainingDuration { get; set; }
    /// <summary>Why it failed or stopped.</summary>
    public string? Error { get; set; }
    /// <summary>The job.</summary>
    public string? JobId { get; set; }
    /// <summary>The silo that ran (or runs) it.</summary>
    public string? Silo { get; set; }
    /// <summary>The task that started it.</summary>
    public string? TaskName { get; set; }
    /// <summary>The task run.</summary>
    public string? RunId { get; set; }
    /// <summary>True once the registry and the task heard how it ended.</summary>
    public bool Announced { get; set; }
    /// <summary>Progress history for curves: (at, percent, loss) samples, bounded.</summary>
    public List<ProgressPoint> Curve { get; set; } = [];
}
