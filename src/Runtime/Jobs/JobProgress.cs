namespace HttmOrleans.Runtime;

/// <summary>A progress report of a running job.</summary>
/// <param name="Percent">0–100.</param>
/// <param name="Details">Optional JSON with handler-specific figures (step, loss, tokens/s…).</param>
public sealed record JobProgress(string JobId, string Kind, double Percent, string? Message, string? Details, string SiloId, DateTimeOffset At);
