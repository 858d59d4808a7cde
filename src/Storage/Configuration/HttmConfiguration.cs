using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HttmOrleans.Storage.Configuration;

/// <summary>The settings every HttmOrleans process shares: command-line switches and the HTTM_* environment variables.</summary>
public static class HttmConfiguration
{
    /// <summary>Short command-line switches mapped onto the <c>Httm</c> section.</summary>
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>
    {
        ["--db"] = "Httm:Database",
        ["--provider"] = "Httm:Provider",
        ["--capabilities"] = "Httm:Silo:Capabilities",
        ["--id"] = "Httm:Silo:Id",
        ["--address"] = "Httm:Cluster:AdvertisedAddress",
        ["--silo-port"] = "Httm:Cluster:SiloPort",
        ["--gateway-port"] = "Httm:Cluster:GatewayPort",
        ["--max-jobs"] = "Httm:Silo:MaxConcurrentJobs",
        ["--plugins"] = "Httm:Plugins",
    };

    /// <summary>HTTM_* environment variables mapped onto the <c>Httm</c> section.</summary>
    public static readonly IReadOnlyDictionary<string, string> EnvironmentVariables = new Dictionary<string, string>
    {
        ["HTTM_DB"] = "Httm:Database",
        ["HTTM_PROVIDER"] = "Httm:Provider",
        ["HTTM_CAPABILITIES"] = "Httm:Silo:Capabilities",
        ["HTTM_SILO_ID"] = "Httm:Silo:Id",
        ["HTTM_MAX_JOBS"] = "Httm:Silo:MaxConcurrentJobs",
        ["HTTM_PLUGINS"] = "Httm:Plugins",
    };

    /// <summary>Adds the HTTM_* variables and then the command line (which wins).</summary>
    public static IConfigurationBuilder AddHttmSources(this IConfigurationBuilder builder, string[] args)
    {
        var fromEnvironment = new Dictionary<string, string?>();
        foreach (var (variable, key) in EnvironmentVariables)
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value) fromEnvironment[key] = value;
        builder.AddInMemoryCollection(fromEnvironment);
        builder.AddCommandLine(args, Switches.ToDictionary(p => p.Key, p => p.Value));
        return builder;
    }

    /// <summary>Loads the assemblies named in <c>Httm:Plugins</c> (comma-separated paths) and lets each configure services.</summary>
    /// <exception cref="HttmSettingException">A path is missing, not an assembly, or holds no plugin.</exception>
    public static IReadOnlyList<string> AddHttmPlugins(this IServiceCollection services, IConfiguration configuration)
    {
        var loaded = new List<string>();
        var paths = configuration["Httm:Plugins"]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full)) throw new HttmSettingException("Httm:Plugins", $"names {full}, which does not exist");
            Assembly assembly;
            try
            {
                assembly = Assembly.LoadFrom(full);
            }
            catch (BadImageFormatException e)
            {
                throw new HttmSettingException("Httm:Plugins", $"names {full}, which is not a .NET assembly", e);
            }
            var plugins = assembly.GetExportedTypes().Where(t => typeof(ISiloPlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }).ToList();
            if (plugins.Count == 0) throw new HttmSettingException("Httm:Plugins", $"names {full}, which holds no public ISiloPlugin class");
            foreach (var type in plugins)
            {
                ((ISiloPlugin)Activator.CreateInstance(type)!).ConfigureServices(services);
                loaded.Add(type.FullName!);
            }
        }
        return loaded;
    }
}
