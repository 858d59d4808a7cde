namespace HttmOrleans.Grains.Tasks;

/// <summary>One run of a task: what triggered it, the version it trained, how it ended.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.TaskRun")]
public sealed class TaskRun
{
    /// <summary>Unique within the task.</summary>
    public string RunId { get; set; } = "";
    /// <summary><c>schedule</c> or <c>manual</c>.</summary>
    public string Trigger { get; set; } = "";
    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>The version it trained.</summary>
    public string? Version { get; set; }
    /// <summary><c>running</c>, a version's final status, <c>skipped</c> or <c>failed</c>.</summary>
    public string Status { get; set; } = "running";
    /// <summary>Chefs still materializing for this run; training starts when none is left.</summary>
    public List<string> WaitingFor { get; set; } = [];
    /// <summary>The snapshot each of the run's chefs made, by chef id.</summary>
    public Dictionary<string, int> Snapshots { get; set; } = [];
    /// <summary>Why it failed or was skipped.</summary>
    public string? Error { get; set; }
}
