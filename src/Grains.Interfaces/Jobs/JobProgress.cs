namespace HttmOrleans.Grains.Jobs;

/// <summary>A progress report of a running job (throttled to about one a second by the worker).</summary>
/// <param name="Percent">0–100.</param>
/// <param name="Details">Optional JSON with handler-specific figures (step, loss, tokens/s…).</param>
[GenerateSerializer, Immutable]
public sealed record JobProgress(
    [property: Id(0)] string JobId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] string Kind,
    [property: Id(3)] double Percent,
    [property: Id(4)] string? Message,
    [property: Id(5)] string? Details,
    [property: Id(6)] string SiloId,
    [property: Id(7)] DateTimeOffset At);
