namespace HttmOrleans.DataChefs.Mapping;

/// <summary>A row of an interactions dataset.</summary>
/// <param name="UserId">Who, trimmed, never empty.</param>
/// <param name="ItemId">What, trimmed, never empty.</param>
/// <param name="Rating">How much, 1.0 when the source has none.</param>
/// <param name="TimestampUnixMs">When, in Unix milliseconds, if the source says.</param>
public readonly record struct InteractionRow(string UserId, string ItemId, float Rating, long? TimestampUnixMs);
