using System.Globalization;

namespace HttmOrleans.DataChefs.Bench;

/// <summary>This process's resident memory now (VmRSS) and its high-water mark (VmHWM), in MiB (Linux; else the working set).</summary>
internal static class NodeProcessMemory
{
    public static double ResidentMiB() => Read("VmRSS:") ?? Environment.WorkingSet / 1024.0 / 1024.0;

    public static double PeakMiB() => PeakMemory.MiB();

    private static double? Read(string field)
    {
        if (!File.Exists("/proc/self/status")) return null;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }

        return null;
    }
}
