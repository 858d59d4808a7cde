using System.Diagnostics;
using System.Net;
using HttmOrleans.Hosting.Cluster;
using HttmOrleans.Hosting.Configuration;
using HttmOrleans.Hosting.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace HttmOrleans.Hosting.Tests;

/// <summary>
/// Two silos that reach each other only through <see cref="PausingProxy"/>s: pausing them makes the
/// other silo look hung, not gone. Failure detection is slowed down so that nobody is declared dead
/// meanwhile: a silo in this process that found itself declared dead would end the test process.
/// </summary>
public sealed class ClusterViewHungSiloTests
{
    [Fact]
    public async Task A_silo_that_stops_answering_is_listed_without_activations_and_holds_no_call_past_the_silo_timeout()
    {
        var database = await TestDatabases.CreatePostgresAsync();
        var clusterId = "h-" + Guid.NewGuid().ToString("N")[..8];
        var ports = TestPorts.Take(4);
        await using var proxyA = new PausingProxy(ports[0]);
        await using var proxyB = new PausingProxy(ports[2]);
        var hosts = new List<IHost>
        {
            BehindProxy(LoopbackSilos.Options(database, clusterId, "cpu", "api", proxyA.Port, ports[1]), ports[0]),
            BehindProxy(LoopbackSilos.Options(database, clusterId, "cpu,gpu", "silo", proxyB.Port, ports[3]), ports[2]),
        };
        try
        {
            await Task.WhenAll(hosts.Select(h => h.StartAsync()));
            await LoopbackSilos.WaitUntilActiveAsync(hosts.Select(h => h.Services), 2);
            var view = hosts[0].Services.GetRequiredService<ClusterView>();
            var hungAddress = $"127.0.0.1:{proxyB.Port}";
            await Eventually.Until(() => view.ListSilosAsync(CancellationToken.None),
                list => list.Single(s => s.Address == hungAddress) is { Activations: not null, Capabilities.Count: > 0 },
                TimeSpan.FromSeconds(10), "the other silo's activations and metadata");

            proxyA.Pause();
            proxyB.Pause();
            var clock = Stopwatch.StartNew();
            var silos = await view.ListSilosAsync(CancellationToken.None);
            var listing = clock.Elapsed;
            clock.Restart();
            await view.CountActivationsByGrainTypeAsync(CancellationToken.None);
            var counting = clock.Elapsed;
            proxyA.Resume();
            proxyB.Resume();

            var bound = ClusterView.SiloTimeout + TimeSpan.FromSeconds(1);
            Assert.True(listing < bound && counting < bound, $"listing took {listing}, counting {counting}");
            var hung = silos.Single(s => s.Address == hungAddress);
            Assert.Equal((SiloViewStatus.Active, "silo", "cpu,gpu", (int?)null, "did not answer within 2 s"),
                (hung.Status, hung.Role, string.Join(",", hung.Capabilities), hung.Activations, hung.Problem));
            Assert.NotNull(silos.Single(s => s.Address != hungAddress).Activations);

            await Eventually.Until(() => view.ListSilosAsync(CancellationToken.None),
                list => list.Single(s => s.Address == hungAddress).Activations is not null, TimeSpan.FromSeconds(10), "the silo to answer again");
        }
        finally
        {
            await LoopbackSilos.StopAllAsync(hosts);
            await TestDatabases.DropPostgresAsync(database);
        }
    }

    /// <summary>Advertised on its proxy's port, listening on <paramref name="listenPort"/>.</summary>
    private static IHost BehindProxy(HttmClusterOptions options, int listenPort)
    {
        options.Cluster.ProbeTimeout = TimeSpan.FromSeconds(30);
        options.Cluster.NumMissedProbesLimit = 3;
        return LoopbackSilos.Create(options, silo =>
            silo.Configure<EndpointOptions>(o => o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Loopback, listenPort)));
    }
}
