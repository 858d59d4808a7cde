using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace HttmOrleans.Hosting.Cluster;

/// <summary>Reads this silo's process tree every <see cref="Period"/> and hands it to the silo's <see cref="ISiloUsageGrain"/>.</summary>
internal sealed partial class SiloUsageReporter(IGrainFactory grains, ILocalSiloDetails silo, ILogger<SiloUsageReporter> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!ProcessTree.Supported) return;
        var tree = new ProcessTree();
        var key = silo.SiloAddress.ToParsableString();
        using var timer = new PeriodicTimer(Period);
        var failures = 0;
        do
        {
            if (tree.Sample(DateTimeOffset.UtcNow) is not { } sample) continue;
            try
            {
                await grains.GetGrain<ISiloUsageGrain>(key).Report(new SiloUsageReport(Environment.MachineName, Environment.ProcessId, [sample]));
                failures = 0;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
            {
                // Before the silo is active, or while it shuts down, there is nobody to tell: a gap in the chart.
                if (++failures == 30) LogReportFailing(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo usage readings have not reached the cluster for a minute: {Reason}")]
    private static partial void LogReportFailing(ILogger logger, string reason);
}
