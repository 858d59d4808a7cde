namespace HttmOrleans.Grains.Tasks;

/// <summary>What a client gives to add a task: a model, a data source and a schedule.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.CreateTask")]
public sealed record CreateTask
{
    /// <summary>The model to retrain.</summary>
    public required string ModelId { get; init; }
    /// <summary>The dataset to train on (the model's default when both this and the chef are left out).</summary>
    public string? DatasetId { get; init; }
    /// <summary>A data chef materialized before each run (the seed's <c>interactions_data_chef_id</c>).</summary>
    public string? DataChefId { get; init; }
    /// <summary>The request field that named <see cref="DataChefId"/>, for errors (<c>data_chef_id</c> or <c>interactions_data_chef_id</c>).</summary>
    public string DataChefField { get; init; } = "data_chef_id";
    /// <summary>A chef of a features dataset materialized before each run: the users' features the version trains with.</summary>
    public string? UserFeaturesDataChefId { get; init; }
    /// <summary>A chef of a features dataset materialized before each run: the items' features.</summary>
    public string? ItemFeaturesDataChefId { get; init; }
    /// <summary>Seconds between runs (≥ 1).</summary>
    public int? IntervalSeconds { get; init; }
    /// <summary>A five-field cron expression (UTC) instead of an interval.</summary>
    public string? Cron { get; init; }
    /// <summary>Create paused.</summary>
    public bool Paused { get; init; }
    /// <summary>Who adds it.</summary>
    public string CreatedBy { get; init; } = "";
}
