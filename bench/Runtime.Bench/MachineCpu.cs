using System.Globalization;

namespace HttmOrleans.Runtime.Bench;

/// <summary>Whole-machine CPU counters from /proc/stat, to tell a saturated machine from a waiting one.</summary>
internal readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Read()
    {
        const string path = "/proc/stat";
        if (!File.Exists(path)) return default;
        var first = File.ReadLines(path).First();
        var fields = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        // idle and iowait are the 4th and 5th counters: a core waiting on I/O is not doing work.
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        return new MachineCpu(total - idle, total);
    }

    /// <summary>Busy share between <paramref name="start"/> and this sample, in percent (NaN where /proc/stat is missing).</summary>
    public double BusyPercentSince(MachineCpu start) =>
        Total > start.Total ? 100.0 * (Busy - start.Busy) / (Total - start.Total) : double.NaN;
}
