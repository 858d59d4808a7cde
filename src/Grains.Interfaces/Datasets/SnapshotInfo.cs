namespace HttmOrleans.Grains.Datasets;

/// <summary>An immutable snapshot of a dataset.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.SnapshotInfo")]
public sealed class SnapshotInfo
{
    /// <summary>1, 2, … within the dataset.</summary>
    public int Number { get; set; }

    /// <summary>Rows it holds.</summary>
    public long Rows { get; set; }

    /// <summary>The dataset revision it copied (for snapshots of samples), or -1 for a data-chef materialization.</summary>
    public long Revision { get; set; }

    /// <summary>Where the rows came from: <c>samples</c>, <c>import</c>, <c>data-chef:&lt;id&gt;</c>.</summary>
    public string Source { get; set; } = "";

    /// <summary>When it was committed.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The validation report of a materialization (JSON), if any.</summary>
    public string? Report { get; set; }
}
