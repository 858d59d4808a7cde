namespace HttmOrleans.Grains.Jobs;

/// <summary>One attempt of a job, as its owner hands it to a worker grain.</summary>
[GenerateSerializer, Immutable]
public sealed record JobTicket(
    [property: Id(0)] string JobId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Capability,
    [property: Id(4)] string Payload)
{
    /// <summary>The worker grain's key: a fresh activation per attempt, so a retry never lands on a dead silo's directory entry.</summary>
    public string WorkerKey => $"{JobId}/{Attempt}";
}
