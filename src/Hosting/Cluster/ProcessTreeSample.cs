namespace HttmOrleans.Hosting.Cluster;

/// <summary>One reading of a silo process and its descendants (trainer children included).</summary>
/// <param name="At">When it was taken.</param>
/// <param name="CpuPercent">CPU of the whole tree since the previous reading, 100 = one core; null for the first.</param>
/// <param name="MemoryBytes">Resident memory of the whole tree.</param>
/// <param name="ChildProcesses">How many descendants are alive.</param>
/// <param name="ChildCpuPercent">The descendants' share of <paramref name="CpuPercent"/>.</param>
/// <param name="ChildMemoryBytes">The descendants' share of <paramref name="MemoryBytes"/>.</param>
[GenerateSerializer, Alias("httm.ProcessTreeSample")]
public sealed record ProcessTreeSample(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] double? CpuPercent,
    [property: Id(2)] long MemoryBytes,
    [property: Id(3)] int ChildProcesses,
    [property: Id(4)] double? ChildCpuPercent,
    [property: Id(5)] long ChildMemoryBytes);
