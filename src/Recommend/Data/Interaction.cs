namespace HttmOrleans.Recommend.Data;

/// <summary>One user–item event as data chefs deliver it.</summary>
/// <param name="UserId">External user id.</param>
/// <param name="ItemId">External item id.</param>
/// <param name="Rating">Explicit rating, or 1 for implicit feedback (a view, a click).</param>
/// <param name="Timestamp">Event time (any monotonic unit, e.g. Unix seconds); needed for leave-latest-out splits.</param>
public readonly record struct Interaction(string UserId, string ItemId, float Rating = 1f, long? Timestamp = null);
