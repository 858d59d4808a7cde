namespace HttmOrleans.Grains;

/// <summary>What a materialization returns: the new snapshot and its validation report (JSON).</summary>
public sealed record MaterializeJobResult(int Snapshot, long RowsRead, long RowsAccepted, long RowsRejected, string? Report);
