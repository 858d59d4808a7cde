namespace HttmOrleans.Runtime.Bench;

/// <summary>One line of the report.</summary>
/// <param name="VsPgbench">turns/s ÷ pgbench tps on the same server, where there is one.</param>
internal sealed record ResultRow(string Store, string Case, int Callers, string Keys, Measurement Result, double? VsPgbench = null, string Note = "")
{
    /// <summary>This row with its ratio to pgbench filled in, where pgbench ran.</summary>
    public ResultRow ComparedTo(double? pgbenchTps) => pgbenchTps is > 0 ? this with { VsPgbench = Result.PerSecond / pgbenchTps } : this;
}
