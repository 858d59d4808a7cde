namespace HttmOrleans.Grains.Models;

/// <summary>One point of a version's progress curve.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.ProgressPoint")]
public sealed record ProgressPoint(DateTimeOffset At, double Percent, double? Step, double? Loss);
