using HttmOrleans.Hosting.Capabilities;
using HttmOrleans.Hosting.Configuration;
using HttmOrleans.Hosting.Tests.Infrastructure;
using HttmOrleans.Hosting.Tests.TestGrains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace HttmOrleans.Hosting.Tests;

public sealed class CapabilityPlacementTests
{
    [Fact]
    public async Task A_gpu_grain_activates_only_on_the_silo_that_advertises_gpu_whichever_silo_places_it()
    {
        await using var cluster = await StartAsync(2, name => name == "Silo_0" ? "cpu,gpu" : "cpu");
        var silos = cluster.GetActiveSilos().ToList();
        var gpuSilo = silos.Single(s => s.Name == "Silo_0").SiloAddress;
        await WaitUntilEverySiloSeesAsync(cluster, "gpu", 1);

        var seen = new HashSet<string>();
        for (var key = 0; key < 40; key++) seen.Add(await cluster.Client.GetGrain<IGpuGrain>(key).Where());
        // Calls made from inside the cpu-only silo are placed by that silo's own placement service.
        var cpuFactory = silos.Single(s => s.Name != "Silo_0").SiloHost.Services.GetRequiredService<IGrainFactory>();
        for (var key = 40; key < 60; key++) seen.Add(await cpuFactory.GetGrain<IGpuGrain>(key).Where());

        Assert.Equal([gpuSilo.ToString()], seen);
    }

    [Fact]
    public async Task With_no_gpu_silo_a_gpu_grain_call_fails_saying_no_node_is_compatible()
    {
        await using var cluster = await StartAsync(1, _ => "cpu");
        var directory = cluster.GetSiloServiceProvider().GetRequiredService<SiloCapabilityDirectory>();
        Assert.Empty(directory.ActiveSilosWith("gpu"));
        Assert.Single(directory.ActiveSilosWith("cpu"));

        var error = await Assert.ThrowsAsync<OrleansException>(() => cluster.Client.GetGrain<IGpuGrain>(1).Where());
        Assert.Contains("No active nodes are compatible with grain", error.Message, StringComparison.Ordinal);
    }

    private static async Task<InProcessTestCluster> StartAsync(short silos, Func<string, string> capabilities)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        // The test cluster skips placement filters unless it is told the silos differ.
        builder.Options.AssumeHomogenousSilosForTesting = false;
        builder.ConfigureSilo((options, silo) =>
            silo.UseHttmCapabilities(new HttmSiloSettings { Capabilities = capabilities(options.SiloName), Role = "silo" }));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task WaitUntilEverySiloSeesAsync(InProcessTestCluster cluster, string capability, int count)
    {
        foreach (var silo in cluster.GetActiveSilos())
        {
            var directory = silo.SiloHost.Services.GetRequiredService<SiloCapabilityDirectory>();
            await Eventually.Until(() => Task.FromResult(directory.ActiveSilosWith(capability).Count), n => n == count,
                TimeSpan.FromSeconds(10), $"{silo.Name} to see {count} silo(s) with {capability}");
        }
    }
}
