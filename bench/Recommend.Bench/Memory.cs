namespace HttmOrleans.Recommend.Bench;

/// <summary>Peak resident memory from /proc (Linux), resettable so a phase can be measured on its own.</summary>
internal static class Memory
{
    /// <summary>Resets the kernel's high-water mark to the current RSS (writing 5 to clear_refs).</summary>
    public static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            // Not Linux or not permitted: the peak then covers the whole process.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Peak RSS in MiB (VmHWM), or the process's peak working set elsewhere.</summary>
    public static double PeakMiB()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                    return kb / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return Environment.WorkingSet / 1024.0 / 1024.0;
    }
}
