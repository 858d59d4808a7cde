namespace HttmOrleans.Runtime.Bench;

/// <summary>What one load run measured inside its measurement window (warm-up excluded).</summary>
/// <param name="Turns">Calls that completed inside the window.</param>
/// <param name="Errors">Calls that threw inside the window.</param>
/// <param name="ClientCpuUsPerTurn">CPU this process spent per turn (all its threads), in microseconds.</param>
/// <param name="MachineBusyPercent">Share of all cores busy during the window (this process, the database, everything).</param>
internal sealed record Measurement(
    long Turns,
    long Errors,
    double Seconds,
    double P50Ms,
    double P99Ms,
    double ClientCpuUsPerTurn,
    double MachineBusyPercent,
    string? FirstError)
{
    public double PerSecond => Seconds > 0 ? Turns / Seconds : 0;
}
