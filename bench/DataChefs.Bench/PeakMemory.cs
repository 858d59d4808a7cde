using System.Globalization;

namespace HttmOrleans.DataChefs.Bench;

/// <summary>Peak resident memory (VmHWM), resettable so one phase is measured on its own (Linux).</summary>
internal static class PeakMemory
{
    public static void Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        try
        {
            // 5 resets the kernel's high-water mark to the current resident set.
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux: the peak then covers the whole process so far.
        }
    }

    public static double MiB()
    {
        if (File.Exists("/proc/self/status"))
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }

        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / 1024.0 / 1024.0;
    }
}
