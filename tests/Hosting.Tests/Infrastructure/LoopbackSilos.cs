using HttmOrleans.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.Hosting.Tests.Infrastructure;

/// <summary>Real silos on loopback TCP that find each other only through a PostgreSQL membership table.</summary>
public static class LoopbackSilos
{
    /// <summary>A silo host (not started) in <paramref name="clusterId"/> on <paramref name="database"/>.</summary>
    public static IHost Create(string database, string clusterId, string capabilities, string role)
    {
        var ports = TestPorts.Take(2);
        return Create(Options(database, clusterId, capabilities, role, ports[0], ports[1]));
    }

    /// <summary>A silo host (not started) with <paramref name="options"/>; <paramref name="configure"/> runs after <c>UseHttmCluster</c>.</summary>
    public static IHost Create(HttmClusterOptions options, Action<ISiloBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseHttmCluster(options);
            configure?.Invoke(silo);
        });
        return builder.Build();
    }

    public static HttmClusterOptions Options(string database, string clusterId, string capabilities, string role, int siloPort, int gatewayPort) => new()
    {
        Database = database,
        Cluster = new HttmClusterSettings
        {
            ClusterId = clusterId,
            ServiceId = clusterId,
            SiloPort = siloPort,
            GatewayPort = gatewayPort,
            AdvertisedAddress = "127.0.0.1",
        },
        Silo = new HttmSiloSettings { Capabilities = capabilities, Role = role },
    };

    /// <summary>Waits until every host's membership view counts <paramref name="active"/> active silos.</summary>
    public static async Task WaitUntilActiveAsync(IEnumerable<IServiceProvider> hosts, int active)
    {
        foreach (var services in hosts)
        {
            var membership = services.GetRequiredService<IClusterMembershipService>();
            await Eventually.Until(() => Task.FromResult(membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active)),
                n => n == active, TimeSpan.FromSeconds(20), $"{active} active silo(s) in each silo's view");
        }
    }

    public static async Task StopAllAsync(IEnumerable<IHost> hosts)
    {
        foreach (var host in hosts)
        {
            try
            {
                await host.StopAsync();
            }
            catch (ObjectDisposedException)
            {
                // Already stopped and disposed by the test.
            }
            host.Dispose();
        }
    }
}
