namespace HttmOrleans.Grains.Models;

/// <summary>One registry change: <c>activate</c>, <c>auto-activate</c> or <c>rollback</c>.</summary>
public sealed record ActivationEntry(string Version, string? Previous, string Action, string By, DateTimeOffset At);
