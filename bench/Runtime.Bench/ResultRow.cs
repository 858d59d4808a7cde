namespace HttmOrleans.Runtime.Bench;

/// <summary>One line of the report.</summary>
/// <param name="VsPgbench">turns/s ÷ pgbench tps on the same server, where there is one.</param>
internal sealed record ResultRow(string Store, string Case, int Callers, string Keys, Measurement Result, double? VsPgbench = null, string Note = "");
