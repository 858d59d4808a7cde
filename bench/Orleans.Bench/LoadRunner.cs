using System.Diagnostics;

namespace HttmOrleans.OrleansBench;

/// <summary>
/// Closed-loop load: each caller issues one call, awaits it, issues the next, on its own keys.
/// Calls completing in the warm-up are not counted; only the timed window is.
/// </summary>
internal static class LoadRunner
{
    public static async Task<Measurement> RunAsync(int callers, TimeSpan warmup, TimeSpan window, Func<int, long, Task> call)
    {
        var measuring = 0;
        var stop = 0;
        var latencies = new List<long>[callers];
        var errors = new long[callers];
        string? firstError = null;

        async Task CallerAsync(int caller)
        {
            var mine = latencies[caller] = new List<long>(1 << 16);
            for (long n = 0; Volatile.Read(ref stop) == 0; n++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await call(caller, n);
                    if (Volatile.Read(ref measuring) == 1) mine.Add(Stopwatch.GetTimestamp() - started);
                }
                catch (Exception e)
                {
                    if (Volatile.Read(ref measuring) == 1) errors[caller]++;
                    Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                }
            }
        }

        var tasks = Enumerable.Range(0, callers).Select(i => Task.Run(() => CallerAsync(i))).ToArray();
        await Task.Delay(warmup);
        var cpuStart = Environment.CpuUsage.TotalTime;
        var machineStart = MachineCpu.Read();
        var gen0Start = GC.CollectionCount(0);
        var pauseStart = GC.GetTotalPauseDuration();
        var windowStart = Stopwatch.GetTimestamp();
        Volatile.Write(ref measuring, 1);
        await Task.Delay(window);
        Volatile.Write(ref measuring, 0);
        var seconds = Stopwatch.GetElapsedTime(windowStart).TotalSeconds;
        var cpu = Environment.CpuUsage.TotalTime - cpuStart;
        var busy = MachineCpu.Read().BusyPercentSince(machineStart);
        var gen0 = GC.CollectionCount(0) - gen0Start;
        var pause = (GC.GetTotalPauseDuration() - pauseStart).TotalMilliseconds;
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(tasks);

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new Measurement(all.LongLength, errors.Sum(), seconds, Percentile(all, 0.50), Percentile(all, 0.99),
            all.Length > 0 ? cpu.TotalMicroseconds / all.Length : double.NaN, busy, firstError, gen0, pause);
    }

    /// <summary>The nearest-rank percentile of sorted Stopwatch ticks, in milliseconds.</summary>
    public static double Percentile(long[] sortedTicks, double q)
    {
        if (sortedTicks.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(q * sortedTicks.Length) - 1;
        return sortedTicks[Math.Clamp(rank, 0, sortedTicks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
