using HttmOrleans.Hosting.Configuration;
using HttmOrleans.Hosting.Tests.Infrastructure;
using HttmOrleans.Hosting.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.Hosting.Tests;

/// <summary>Real silos on loopback TCP, joined only through the PostgreSQL membership table.</summary>
public sealed class AdoNetClusteringTests
{
    [Fact]
    public async Task Two_silos_form_a_cluster_through_the_PostgreSQL_membership_table()
    {
        var database = await TestDatabases.CreatePostgresAsync();
        var clusterId = "c-" + Guid.NewGuid().ToString("N")[..8];
        var ports = TestPorts.Take(4);
        var hosts = new List<IHost>();
        try
        {
            hosts.Add(Silo(database, clusterId, ports[0], ports[1]));
            hosts.Add(Silo(database, clusterId, ports[2], ports[3]));
            await Task.WhenAll(hosts.Select(h => h.StartAsync()));

            foreach (var host in hosts)
            {
                var membership = host.Services.GetRequiredService<IClusterMembershipService>();
                await Eventually.Until(() => Task.FromResult(membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active)),
                    n => n == 2, TimeSpan.FromSeconds(15), "both silos active in each silo's view");
            }
            var rows = await Sql.ColumnAsync("postgres", database,
                $"SELECT port || ':' || status FROM orleans_membership WHERE deployment_id = '{clusterId}' ORDER BY port");
            Assert.Equal(new[] { ports[0], ports[2] }.Order().Select(p => $"{p}:{(int)SiloStatus.Active}"), rows);

            // A grain placed by one silo answers through the other: the silos really talk.
            var counter = hosts[1].Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("shared");
            await hosts[0].Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("shared").Add(2, "from silo 0");
            Assert.Equal(5, await counter.Add(3, "from silo 1"));
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.StopAsync();
                host.Dispose();
            }
            await TestDatabases.DropPostgresAsync(database);
        }
    }

    private static IHost Silo(string database, string clusterId, int siloPort, int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseHttmCluster(new HttmClusterOptions
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
        }));
        return builder.Build();
    }
}
