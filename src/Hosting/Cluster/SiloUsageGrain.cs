using Orleans.Placement;

namespace HttmOrleans.Hosting.Cluster;

/// <summary>
/// Keeps a silo's last readings in memory only: they describe a live process, so they die with it.
/// Placed on the silo that reports first (its own), so a silo's history goes when the silo goes.
/// </summary>
[PreferLocalPlacement]
internal sealed class SiloUsageGrain : Grain, ISiloUsageGrain
{
    /// <summary>Readings kept: two minutes at the reporter's pace.</summary>
    public const int Capacity = 60;

    private readonly Queue<ProcessTreeSample> _samples = new();
    private string _host = "";
    private int _processId;

    public Task Report(SiloUsageReport report)
    {
        _host = report.Host;
        _processId = report.ProcessId;
        foreach (var sample in report.Samples) _samples.Enqueue(sample);
        while (_samples.Count > Capacity) _samples.Dequeue();
        return Task.CompletedTask;
    }

    public Task<SiloUsageReport?> Get() =>
        Task.FromResult(_samples.Count == 0 ? null : new SiloUsageReport(_host, _processId, [.. _samples]));
}
