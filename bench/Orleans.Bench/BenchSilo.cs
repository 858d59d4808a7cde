using System.Net;
using System.Net.Sockets;
using HttmOrleans.Hosting;
using HttmOrleans.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.OrleansBench;

/// <summary>A silo host configured exactly as the app's: <see cref="HttmSiloBuilderExtensions.UseHttmCluster(ISiloBuilder, HttmClusterOptions)"/>, default settings.</summary>
internal static class BenchSilo
{
    public static IHost Build(string database, string clusterId)
    {
        var ports = FreePorts(2);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseHttmCluster(new HttmClusterOptions
        {
            Database = database,
            Cluster = new HttmClusterSettings
            {
                ClusterId = clusterId,
                ServiceId = clusterId,
                SiloPort = ports[0],
                GatewayPort = ports[1],
                AdvertisedAddress = "127.0.0.1",
            },
        }));
        return builder.Build();
    }

    /// <summary>Child-process mode (<c>--silo DATABASE CLUSTER</c>): start, say so on stdout, run until killed.</summary>
    public static async Task<int> RunChildAsync(string database, string clusterId)
    {
        using var host = Build(database, clusterId);
        await host.StartAsync();
        Console.WriteLine($"ready {Environment.ProcessId}");
        await host.WaitForShutdownAsync();
        return 0;
    }

    public static IGrainFactory Grains(this IHost host) => host.Services.GetRequiredService<IGrainFactory>();

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}
