namespace HttmOrleans.Grains;

/// <summary>An editable sample of either kind (the other kind's columns are null).</summary>
public sealed record SampleRow(long Id, string? UserId, string? ItemId, float? Rating, long? Timestamp, string? Document, string? Summary);
