namespace HttmOrleans.OrleansBench;

/// <summary>What one load run measured inside its timed window (warm-up excluded).</summary>
/// <param name="CpuUsPerCall">CPU this process spent per call (all threads), in microseconds; NaN for pgbench.</param>
/// <param name="GcPauseMs">Time this process's threads were paused for garbage collection inside the window.</param>
/// <param name="MachineBusyPercent">Share of all cores busy during the window (everything on the machine).</param>
/// <param name="WarmupSeconds">How long the warm-up ran: its set time, longer while the JIT was still busy.</param>
/// <param name="JitMs">Time this process spent compiling inside the window.</param>
internal sealed record Measurement(long Calls, long Errors, double Seconds, double P50Ms, double P99Ms,
    double CpuUsPerCall, double MachineBusyPercent, string? FirstError, int Gen0Collections = 0, double GcPauseMs = double.NaN,
    double WarmupSeconds = double.NaN, double JitMs = double.NaN)
{
    public double PerSecond => Seconds > 0 ? Calls / Seconds : 0;

    /// <summary>Several windows of one case as one: calls over their summed seconds, CPU weighted by calls; no percentiles (each window prints its own).</summary>
    public static Measurement Combine(IReadOnlyList<Measurement> windows)
    {
        if (windows.Count == 1) return windows[0];
        var calls = windows.Sum(w => w.Calls);
        double Weighted(Func<Measurement, double> value) => calls > 0 ? windows.Sum(w => value(w) * w.Calls) / calls : double.NaN;
        return new Measurement(calls, windows.Sum(w => w.Errors), windows.Sum(w => w.Seconds), double.NaN, double.NaN,
            Weighted(w => w.CpuUsPerCall), windows.Average(w => w.MachineBusyPercent), windows.Select(w => w.FirstError).FirstOrDefault(e => e is not null),
            windows.Sum(w => w.Gen0Collections), windows.Sum(w => w.GcPauseMs), windows.Sum(w => w.WarmupSeconds), windows.Sum(w => w.JitMs));
    }
}
