namespace HttmOrleans.Grains.DataChefs;

/// <summary>How a materialization ended.</summary>
[GenerateSerializer(GenerateFieldIds = GenerateFieldIds.PublicProperties), Alias("httm.MaterializationInfo")]
public sealed record MaterializationInfo(string Status, int? Snapshot, long RowsRead, long RowsAccepted, long RowsRejected, string? Report, string? Error, DateTimeOffset At);
