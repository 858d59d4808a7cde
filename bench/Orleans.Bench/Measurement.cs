namespace HttmOrleans.OrleansBench;

/// <summary>What one load run measured inside its timed window (warm-up excluded).</summary>
/// <param name="CpuUsPerCall">CPU this process spent per call (all threads), in microseconds; NaN for pgbench.</param>
/// <param name="GcPauseMs">Time this process's threads were paused for garbage collection inside the window.</param>
/// <param name="MachineBusyPercent">Share of all cores busy during the window (everything on the machine).</param>
internal sealed record Measurement(long Calls, long Errors, double Seconds, double P50Ms, double P99Ms,
    double CpuUsPerCall, double MachineBusyPercent, string? FirstError, int Gen0Collections = 0, double GcPauseMs = double.NaN)
{
    public double PerSecond => Seconds > 0 ? Calls / Seconds : 0;
}
