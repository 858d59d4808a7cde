namespace HttmOrleans.Grains.Datasets;

/// <summary>One row of an <c>interactions</c> dataset.</summary>
/// <param name="UserId">The user.</param>
/// <param name="ItemId">The item.</param>
/// <param name="Rating">Explicit rating, or 1.0 for implicit feedback.</param>
/// <param name="Timestamp">Unix seconds, when known.</param>
public readonly record struct InteractionSample(string UserId, string ItemId, float Rating, long? Timestamp);
