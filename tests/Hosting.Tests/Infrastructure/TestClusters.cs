using HttmOrleans.Hosting.Configuration;
using Orleans.TestingHost;

namespace HttmOrleans.Hosting.Tests.Infrastructure;

/// <summary>In-process clusters configured by <see cref="HttmSiloBuilderExtensions.UseHttmCluster(Orleans.Hosting.ISiloBuilder, HttmClusterOptions)"/>.</summary>
public static class TestClusters
{
    /// <summary>
    /// Options for a silo on <paramref name="connectionString"/>. Grain state and reminders are keyed
    /// by service id, so a restarted cluster must reuse <paramref name="serviceId"/> to see them.
    /// </summary>
    public static HttmClusterOptions Options(string provider, string connectionString, string serviceId) => new()
    {
        Database = connectionString,
        Provider = provider,
        Cluster = new HttmClusterSettings { ServiceId = serviceId, ClusterId = "test-" + Guid.NewGuid().ToString("N")[..8] },
    };

    /// <summary>
    /// A one-silo cluster on the database. The test cluster keeps its own in-memory membership
    /// and transport; storage and reminders are ours.
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(HttmClusterOptions options)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = options.Cluster.ServiceId;
        builder.Options.ClusterId = options.Cluster.ClusterId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.UseHttmCluster(options));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
