namespace HttmOrleans.Grains.Jobs;

/// <summary>How one attempt of a job ended, as its worker tells the owner.</summary>
/// <param name="Retryable">A transient failure: the owner starts another attempt while attempts remain.</param>
[GenerateSerializer, Immutable]
public sealed record JobOutcome(
    [property: Id(0)] string JobId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] string Kind,
    [property: Id(3)] JobStatus Status,
    [property: Id(4)] string? Result,
    [property: Id(5)] string? Error,
    [property: Id(6)] string? SiloId,
    [property: Id(7)] bool Retryable = false);
