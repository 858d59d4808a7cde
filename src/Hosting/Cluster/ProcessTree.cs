using System.Globalization;

namespace HttmOrleans.Hosting.Cluster;

/// <summary>
/// CPU and memory of this process and every process it started (a trainer's Python child, its workers),
/// read from <c>/proc</c>. The runtime's own counters see only this process, so a silo whose trainer child
/// burns 130 % CPU looked idle. Not thread-safe: one sampler per process.
/// </summary>
internal sealed class ProcessTree
{
    // USER_HZ: fixed at 100 on every Linux the runtime supports.
    private const double TicksPerSecond = 100;

    private readonly int _root = Environment.ProcessId;
    private Dictionary<int, long> _lastTicks = [];
    private DateTimeOffset _lastAt;

    /// <summary>False off Linux, where <see cref="Sample"/> returns null.</summary>
    public static bool Supported => OperatingSystem.IsLinux() && Directory.Exists("/proc/self");

    /// <summary>
    /// One reading; CPU is the average since the previous one, 100 = one core busy (as <c>top</c> counts).
    /// The first reading has no CPU figure (null).
    /// </summary>
    public ProcessTreeSample? Sample(DateTimeOffset now)
    {
        if (!Supported) return null;
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (ReadStat(pid) is not { } stat) continue;
            parents[pid] = stat.Parent;
            ticks[pid] = stat.Ticks;
        }

        var tree = Descendants(parents);
        long rootMemory = Memory(_root), childMemory = 0;
        double rootCpu = 0, childCpu = 0;
        var seconds = (now - _lastAt).TotalSeconds;
        foreach (var pid in tree)
        {
            if (pid != _root) childMemory += Memory(pid);
            if (!ticks.TryGetValue(pid, out var t)) continue;
            // A process born since the last reading spent all its ticks in between.
            var delta = Math.Max(0, t - _lastTicks.GetValueOrDefault(pid));
            if (pid == _root) rootCpu += delta;
            else childCpu += delta;
        }

        var first = _lastTicks.Count == 0;
        _lastTicks = tree.Where(ticks.ContainsKey).ToDictionary(p => p, p => ticks[p]);
        _lastAt = now;
        double? Percent(double delta) => first || seconds <= 0 ? null : Math.Round(delta / TicksPerSecond / seconds * 100, 1);
        return new ProcessTreeSample(now, Percent(rootCpu + childCpu), rootMemory + childMemory, tree.Count - 1, Percent(childCpu), childMemory);
    }

    private List<int> Descendants(Dictionary<int, int> parents)
    {
        var children = parents.ToLookup(p => p.Value, p => p.Key);
        var found = new List<int> { _root };
        for (var i = 0; i < found.Count; i++) found.AddRange(children[found[i]]);
        return found;
    }

    private static (int Parent, long Ticks)? ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name in parentheses may hold spaces and parentheses: fields count from the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is state (stat field 3): ppid is field 4, utime 14, stime 15.
            return (int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null; // gone between the listing and the read
        }
    }

    private static long Memory(int pid)
    {
        try
        {
            // statm's second field is the resident set in pages.
            var fields = File.ReadAllText($"/proc/{pid}/statm").Split(' ');
            return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }
}
