using Microsoft.Extensions.DependencyInjection;

namespace HttmOrleans.Storage.Configuration;

/// <summary>
/// An assembly loaded into a silo with <c>--plugins path.dll</c> brings its grains, job handlers
/// and trainers through a class implementing this (public, parameterless constructor).
/// </summary>
public interface ISiloPlugin
{
    void ConfigureServices(IServiceCollection services);
}
