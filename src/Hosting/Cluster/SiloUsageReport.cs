namespace HttmOrleans.Hosting.Cluster;

/// <summary>Where a silo runs and its recent readings, oldest first.</summary>
/// <param name="Host">The machine's name.</param>
/// <param name="ProcessId">The silo's process id on it.</param>
/// <param name="Samples">Recent readings, oldest first.</param>
[GenerateSerializer, Alias("httm.SiloUsageReport")]
public sealed record SiloUsageReport(
    [property: Id(0)] string Host,
    [property: Id(1)] int ProcessId,
    [property: Id(2)] IReadOnlyList<ProcessTreeSample> Samples);
