using System.Diagnostics;
using System.Runtime;

namespace HttmOrleans.OrleansBench;

/// <summary>
/// Closed-loop load: each caller issues one call, awaits it, issues the next, on its own keys.
/// Calls completing in the warm-up are not counted; only the timed window is. The warm-up lasts at
/// least its set time and then until the JIT is quiet: tiered compilation recompiles the hot path in
/// the background, and on a loaded machine that went on for tens of seconds, so a fixed warm-up
/// measured the JIT rather than the grains (pgbench, a C program, has no such phase).
/// </summary>
internal static class LoadRunner
{
    private static readonly TimeSpan QuietProbe = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxJitWait = TimeSpan.FromSeconds(30);

    /// <summary>JIT time below this share of a probe second counts as quiet.</summary>
    private const double QuietJitShare = 0.01;

    /// <summary>Returns once a probe second passes with almost no JIT work in this process, or after <see cref="MaxJitWait"/>.</summary>
    public static async Task WaitForQuietJitAsync()
    {
        var waiting = Stopwatch.StartNew();
        while (waiting.Elapsed < MaxJitWait)
        {
            var jitBefore = JitInfo.GetCompilationTime();
            await Task.Delay(QuietProbe);
            if (JitInfo.GetCompilationTime() - jitBefore < QuietProbe * QuietJitShare) return;
        }
    }

    public static async Task<Measurement> RunAsync(int callers, TimeSpan warmup, bool waitForJit, TimeSpan window, Func<int, long, Task> call)
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
        var warming = Stopwatch.StartNew();
        await Task.Delay(warmup);
        if (waitForJit) await WaitForQuietJitAsync();
        var warmupSeconds = warming.Elapsed.TotalSeconds;
        var jitStart = JitInfo.GetCompilationTime();
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
        var jit = (JitInfo.GetCompilationTime() - jitStart).TotalMilliseconds;
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(tasks);

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new Measurement(all.LongLength, errors.Sum(), seconds, Percentile(all, 0.50), Percentile(all, 0.99),
            all.Length > 0 ? cpu.TotalMicroseconds / all.Length : double.NaN, busy, firstError, gen0, pause, warmupSeconds, jit);
    }

    /// <summary>The nearest-rank percentile of sorted Stopwatch ticks, in milliseconds.</summary>
    public static double Percentile(long[] sortedTicks, double q)
    {
        if (sortedTicks.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(q * sortedTicks.Length) - 1;
        return sortedTicks[Math.Clamp(rank, 0, sortedTicks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
