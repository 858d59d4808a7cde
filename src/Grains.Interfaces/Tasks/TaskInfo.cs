namespace HttmOrleans.Grains.Tasks;

/// <summary>A training task (also its grain state).</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.TaskInfo")]
public sealed class TaskInfo
{
    /// <summary>The name (grain key).</summary>
    public string Name { get; set; } = "";
    /// <summary>The model.</summary>
    public string ModelId { get; set; } = "";
    /// <summary>The dataset, if named.</summary>
    public string? DatasetId { get; set; }
    /// <summary>The interactions data chef, if any.</summary>
    public string? DataChefId { get; set; }
    /// <summary>The seed's name for <see cref="DataChefId"/>.</summary>
    public string? InteractionsDataChefId => DataChefId;
    /// <summary>The user features data chef, if any.</summary>
    public string? UserFeaturesDataChefId { get; set; }
    /// <summary>The item features data chef, if any.</summary>
    public string? ItemFeaturesDataChefId { get; set; }
    /// <summary>Interval in seconds, when scheduled by interval.</summary>
    public int? IntervalSeconds { get; set; }
    /// <summary>Cron expression, when scheduled by cron.</summary>
    public string? Cron { get; set; }
    /// <summary>Paused tasks do not run on schedule.</summary>
    public bool Paused { get; set; }
    /// <summary>Who added it.</summary>
    public string CreatedBy { get; set; } = "";
    /// <summary>When.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The next scheduled run (null when paused).</summary>
    public DateTimeOffset? NextRun { get; set; }
    /// <summary>The run going now, if any.</summary>
    public TaskRun? Current { get; set; }
    /// <summary>Finished and skipped runs, newest last, bounded.</summary>
    public List<TaskRun> History { get; set; } = [];
    /// <summary>Counter behind run ids.</summary>
    public long RunCounter { get; set; }
    /// <summary>The last run that ended (or was skipped).</summary>
    public TaskRun? LastRun => History.Count == 0 ? null : History[^1];
}
