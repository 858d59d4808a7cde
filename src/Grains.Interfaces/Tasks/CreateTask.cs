namespace HttmOrleans.Grains.Tasks;

/// <summary>What a client gives to add a task: a model, a data source and a schedule.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.CreateTask")]
public sealed record CreateTask
{
    /// <summary>The model to retrain.</summary>
    public required string ModelId { get; init; }
    /// <summary>The dataset to train on (the model's default when both this and the chef are left out).</summary>
    public string? DatasetId { get; init; }
    /// <summary>A data chef materialized before each run.</summary>
    public string? DataChefId { get; init; }
    /// <summary>Seconds between runs (≥ 1).</summary>
    public int? IntervalSeconds { get; init; }
    /// <summary>A five-field cron expression (UTC) instead of an interval.</summary>
    public string? Cron { get; init; }
    /// <summary>Create paused.</summary>
    public bool Paused { get; init; }
    /// <summary>Who adds it.</summary>
    public string CreatedBy { get; init; } = "";
}
