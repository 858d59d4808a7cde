namespace HttmOrleans.Grains.Datasets;

/// <summary>A dataset's metadata (also its grain state).</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.DatasetInfo")]
public sealed class DatasetInfo
{
    /// <summary>The id (grain key).</summary>
    public string Id { get; set; } = "";

    /// <summary>A display name.</summary>
    public string Name { get; set; } = "";

    /// <summary><see cref="DatasetKinds.Interactions"/> or <see cref="DatasetKinds.TextPairs"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Free text.</summary>
    public string? Description { get; set; }

    /// <summary>Who created it.</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Incremented on every sample edit; a snapshot records the revision it copied.</summary>
    public long Revision { get; set; }

    /// <summary>Samples currently in the table (kept by <see cref="IDatasetGrain.Touch"/>).</summary>
    public long SampleCount { get; set; }

    /// <summary>The last snapshot number handed out.</summary>
    public int LastReserved { get; set; }

    /// <summary>Reserved, not yet committed or abandoned snapshots, by holder (see <see cref="IDatasetGrain.ReserveSnapshotFor"/>).</summary>
    public Dictionary<string, int> Pending { get; set; } = [];

    /// <summary>Committed snapshots, oldest first.</summary>
    public List<SnapshotInfo> Snapshots { get; set; } = [];

    /// <summary>The newest committed snapshot, if any.</summary>
    public SnapshotInfo? Latest => Snapshots.Count == 0 ? null : Snapshots[^1];
}
