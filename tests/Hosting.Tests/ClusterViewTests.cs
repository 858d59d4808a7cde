using System.Diagnostics;
using HttmOrleans.Hosting.Cluster;
using HttmOrleans.Hosting.Tests.Infrastructure;
using HttmOrleans.Hosting.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HttmOrleans.Hosting.Tests;

/// <summary>Two real silos on loopback TCP and PostgreSQL, seen through <see cref="ClusterView"/>.</summary>
public sealed class ClusterViewTests : IAsyncLifetime
{
    private readonly List<IHost> _hosts = [];
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.CreatePostgresAsync();
        var clusterId = "v-" + Guid.NewGuid().ToString("N")[..8];
        _hosts.Add(LoopbackSilos.Create(_database, clusterId, "cpu,gpu", "api"));
        _hosts.Add(LoopbackSilos.Create(_database, clusterId, "cpu", "silo"));
        await Task.WhenAll(_hosts.Select(h => h.StartAsync()));
        await LoopbackSilos.WaitUntilActiveAsync(_hosts.Select(h => h.Services), 2);
    }

    public async Task DisposeAsync()
    {
        await LoopbackSilos.StopAllAsync(_hosts);
        await TestDatabases.DropPostgresAsync(_database);
    }

    private ClusterView View => _hosts[0].Services.GetRequiredService<ClusterView>();

    private string AddressOf(int host) => _hosts[host].Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint.ToString();

    [Fact]
    public async Task Both_silos_are_listed_active_with_the_role_and_capabilities_they_publish()
    {
        var silos = await Eventually.Until(() => View.ListSilosAsync(CancellationToken.None),
            list => list.Count == 2 && list.All(s => s.Capabilities.Count > 0), TimeSpan.FromSeconds(10), "both silos' metadata");

        var api = silos.Single(s => s.Address == AddressOf(0));
        var worker = silos.Single(s => s.Address == AddressOf(1));
        Assert.Equal(("api", "cpu,gpu", SiloViewStatus.Active), (api.Role, string.Join(",", api.Capabilities), api.Status));
        Assert.Equal(("silo", "cpu", SiloViewStatus.Active), (worker.Role, string.Join(",", worker.Capabilities), worker.Status));
        Assert.StartsWith("127.0.0.1:", api.Address, StringComparison.Ordinal);
        Assert.StartsWith(api.Address + "@", api.Id, StringComparison.Ordinal);
        foreach (var silo in silos)
        {
            Assert.InRange(silo.StartedAt, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddSeconds(5));
            Assert.True(silo.LastAliveAt >= silo.StartedAt, $"{silo.Id} last alive {silo.LastAliveAt:O} before its start {silo.StartedAt:O}");
            Assert.NotNull(silo.Activations);
            Assert.Null(silo.Problem);
        }
    }

    [Fact]
    public async Task Activation_counts_rise_after_grains_are_called_on_both_silos()
    {
        var cancel = CancellationToken.None;
        var before = await View.ListSilosAsync(cancel);
        Assert.False((await View.CountActivationsByGrainTypeAsync(cancel)).ContainsKey(nameof(PingGrain)));

        var placedOn = new HashSet<string>();
        var factory = _hosts[1].Services.GetRequiredService<IGrainFactory>();
        for (var key = 0; key < 30; key++) placedOn.Add(await factory.GetGrain<IPingGrain>(key).Where());

        var counts = await View.CountActivationsByGrainTypeAsync(cancel);
        Assert.Equal(30, counts.GetValueOrDefault(nameof(PingGrain)));
        Assert.DoesNotContain(counts.Keys, name => name.Contains('.', StringComparison.Ordinal) || name.Contains("Management", StringComparison.Ordinal));

        var after = await View.ListSilosAsync(cancel);
        Assert.Equal(before.Sum(s => s.Activations) + 30, after.Sum(s => s.Activations));
        // Random placement over two silos: which silo got how many varies, the total does not.
        Assert.All(after, s => Assert.True(s.Activations >= 0));
        Assert.InRange(placedOn.Count, 1, 2);
    }

    [Fact]
    public async Task A_stopped_silo_is_listed_dead_within_a_few_seconds_and_the_listing_does_not_wait_for_it()
    {
        var cancel = CancellationToken.None;
        var stoppedAddress = AddressOf(1);
        // What a dashboard saw while the silo lived is what it still shows once the metadata cache forgets it.
        await Eventually.Until(() => View.ListSilosAsync(cancel), list => list.Count == 2 && list.All(s => s.Capabilities.Count > 0),
            TimeSpan.FromSeconds(10), "both silos' metadata");
        var stopped = _hosts[1];
        _hosts.RemoveAt(1);
        await stopped.StopAsync(cancel);
        stopped.Dispose();

        var clock = Stopwatch.StartNew();
        var silos = await Eventually.Until(() => View.ListSilosAsync(cancel),
            list => list.Single(s => s.Address == stoppedAddress).Status is SiloViewStatus.Dead or SiloViewStatus.ShuttingDown,
            TimeSpan.FromSeconds(5), "the stopped silo to be listed dead");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");

        var gone = silos.Single(s => s.Address == stoppedAddress);
        Assert.Null(gone.Activations);
        Assert.Equal(("silo", "cpu"), (gone.Role, string.Join(",", gone.Capabilities)));
        Assert.Equal(SiloViewStatus.Active, silos.Single(s => s.Address == AddressOf(0)).Status);
        Assert.Equal(SiloViewStatus.Active, silos[0].Status);

        clock.Restart();
        await View.ListSilosAsync(cancel);
        Assert.True(clock.Elapsed < ClusterView.SiloTimeout, $"listing after the stop took {clock.Elapsed}");
    }
}
