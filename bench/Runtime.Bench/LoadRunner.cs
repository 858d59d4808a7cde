using System.Diagnostics;

namespace HttmOrleans.Runtime.Bench;

/// <summary>
/// Closed-loop load: <c>concurrency</c> callers each issue one turn, await it, and issue the next.
/// Turns that complete during the warm-up are not counted; only the measurement window is.
/// </summary>
internal static class LoadRunner
{
    public static async Task<Measurement> RunAsync(int concurrency, TimeSpan warmup, TimeSpan duration, int seed,
        Func<Random, string> pickKey, Func<string, Task> turn)
    {
        var measuring = 0;
        var stop = 0;
        var latencies = new List<long>[concurrency];
        var errors = new long[concurrency];
        string? firstError = null;

        async Task CallerAsync(int index)
        {
            var random = new Random(seed + index);
            var mine = latencies[index] = new List<long>(1 << 16);
            while (Volatile.Read(ref stop) == 0)
            {
                var key = pickKey(random);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await turn(key);
                    if (Volatile.Read(ref measuring) == 1) mine.Add(Stopwatch.GetTimestamp() - started);
                }
                catch (Exception e)
                {
                    if (Volatile.Read(ref measuring) == 1) errors[index]++;
                    Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                }
            }
        }

        var callers = Enumerable.Range(0, concurrency).Select(i => Task.Run(() => CallerAsync(i))).ToArray();
        await Task.Delay(warmup);
        var cpuStart = Environment.CpuUsage.TotalTime;
        var machineStart = MachineCpu.Read();
        var windowStart = Stopwatch.GetTimestamp();
        Volatile.Write(ref measuring, 1);
        await Task.Delay(duration);
        Volatile.Write(ref measuring, 0);
        var seconds = Stopwatch.GetElapsedTime(windowStart).TotalSeconds;
        var cpu = Environment.CpuUsage.TotalTime - cpuStart;
        var busy = MachineCpu.Read().BusyPercentSince(machineStart);
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(callers);

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        var turns = all.LongLength;
        return new Measurement(turns, errors.Sum(), seconds, Percentile(all, 0.50), Percentile(all, 0.99),
            turns > 0 ? cpu.TotalMicroseconds / turns : double.NaN, busy, firstError);
    }

    /// <summary>The nearest-rank percentile of sorted Stopwatch ticks, in milliseconds.</summary>
    public static double Percentile(long[] sortedTicks, double q)
    {
        if (sortedTicks.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(q * sortedTicks.Length) - 1;
        return sortedTicks[Math.Clamp(rank, 0, sortedTicks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
