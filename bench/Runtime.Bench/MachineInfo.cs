namespace HttmOrleans.Runtime.Bench;

/// <summary>The machine a result came from: numbers without it mean little.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"machine: {Environment.ProcessorCount} cores ({model ?? "unknown CPU"}), {Environment.OSVersion}, .NET {Environment.Version}";
    }
}
