namespace HttmOrleans.Hosting.Cluster;

/// <summary>Reads the grain class names Orleans reports in its activation statistics.</summary>
internal static class GrainTypeNames
{
    /// <summary>
    /// <c>HttmOrleans.Grains.ModelGrain,HttmOrleans.Grains</c> → <c>ModelGrain</c>; nested and generic
    /// classes keep only their own name (<c>Outer+Inner</c> → <c>Inner</c>, <c>Cache`1[[…]]</c> → <c>Cache</c>).
    /// </summary>
    public static string ShortName(string grainClassName)
    {
        var end = grainClassName.IndexOfAny([',', '[', '`']);
        var typeName = end < 0 ? grainClassName : grainClassName[..end];
        var start = typeName.LastIndexOfAny(['.', '+']) + 1;
        return typeName[start..].Trim();
    }

    /// <summary>False for Orleans' own grains (management, dashboard, directory…) and the silo usage readers, which every cluster has.</summary>
    public static bool IsApplicationGrain(string grainClassName) =>
        !grainClassName.StartsWith("Orleans.", StringComparison.Ordinal)
        // Every silo's usage reader: part of the cluster's plumbing, like Orleans' own.
        && !grainClassName.StartsWith(typeof(SiloUsageGrain).FullName!, StringComparison.Ordinal);
}
