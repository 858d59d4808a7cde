namespace HttmOrleans.Grains.Models;

/// <summary>One registry change: <c>activate</c>, <c>auto-activate</c> or <c>rollback</c>.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.ActivationEntry")]
public sealed record ActivationEntry(string Version, string? Previous, string Action, string By, DateTimeOffset At);
