namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>A source column as a preview saw it.</summary>
/// <param name="Name">The field name.</param>
/// <param name="Type">The narrowest type every non-empty value fits: <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>timestamp</c>, <c>text</c>, or <c>empty</c>.</param>
/// <param name="EmptyCount">Values that were null or blank.</param>
/// <param name="MappedTo">The dataset column it feeds, if any.</param>
public sealed record DetectedColumn(string Name, string Type, int EmptyCount, string? MappedTo);
