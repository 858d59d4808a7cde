namespace HttmOrleans.Grains.Tasks;

/// <summary>The scheduler switch (also its grain state). A new cluster starts running.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.SchedulerInfo")]
public sealed class SchedulerInfo
{
    /// <summary>True when scheduled ticks start runs.</summary>
    public bool Stopped { get; set; }
    /// <summary>Last change.</summary>
    public DateTimeOffset? ChangedAt { get; set; }
    /// <summary>Who changed it.</summary>
    public string? ChangedBy { get; set; }
}
