namespace HttmOrleans.Grains.Models;

/// <summary>One point of a version's progress curve.</summary>
public sealed record ProgressPoint(DateTimeOffset At, double Percent, double? Step, double? Loss);
