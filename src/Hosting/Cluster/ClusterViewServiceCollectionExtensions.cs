using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HttmOrleans.Hosting.Cluster;

public static class ClusterViewServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ClusterView"/> as a singleton (once, however often called) and the silo's usage reporter. Part of
    /// <see cref="HttmSiloBuilderExtensions.UseHttmCapabilities"/>; call it yourself on a silo host
    /// configured without <c>UseHttmCluster</c>, which then lists silos without role or capabilities.
    /// </summary>
    public static IServiceCollection AddHttmClusterView(this IServiceCollection services)
    {
        services.TryAddSingleton<ClusterView>();
        // Each silo reports its own process tree: only it can read its children's /proc entries.
        services.AddHostedService<SiloUsageReporter>();
        return services;
    }
}
