using System.Globalization;

namespace HttmOrleans.OrleansBench;

/// <summary>Whole-machine CPU counters from /proc/stat, to tell a saturated machine from a waiting one.</summary>
internal readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Read()
    {
        const string path = "/proc/stat";
        if (!File.Exists(path)) return default;
        var fields = File.ReadLines(path).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // idle and iowait (4th and 5th): a core waiting on I/O is not doing work.
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        return new MachineCpu(fields.Sum() - idle, fields.Sum());
    }

    public double BusyPercentSince(MachineCpu start) =>
        Total > start.Total ? 100.0 * (Busy - start.Busy) / (Total - start.Total) : double.NaN;

    /// <summary>The 1-minute load average, so a reader can tell how busy the machine was.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
