using Microsoft.Extensions.DependencyInjection;

namespace HttmOrleans.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>Registers the product's grains and trainers. Each domain area adds itself here.</summary>
    public static IServiceCollection AddHttmGrains(this IServiceCollection services) => services;
}
