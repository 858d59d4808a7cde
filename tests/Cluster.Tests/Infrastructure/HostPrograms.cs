using System.Reflection;

namespace HttmOrleans.Cluster.Tests.Infrastructure;

/// <summary>The built host programs, as their projects reported them at build time (Cluster.Tests.csproj).</summary>
public static class HostPrograms
{
    public static string Api => Find("HttmOrleans.Api");

    public static string Silo => Find("HttmOrleans.Silo");

    private static string Find(string name)
    {
        var path = typeof(HostPrograms).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "HttmHost:" + name)?.Value
            ?? throw new InvalidOperationException($"Cluster.Tests was built without the path of {name}.dll (see Cluster.Tests.csproj).");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{name}.dll is not built: dotnet build tests/Cluster.Tests", path);
    }
}
