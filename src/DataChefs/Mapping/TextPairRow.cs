namespace HttmOrleans.DataChefs.Mapping;

/// <summary>A row of a text-pairs dataset.</summary>
/// <param name="Document">The source text, never blank.</param>
/// <param name="Summary">Its reference summary, never blank.</param>
public readonly record struct TextPairRow(string Document, string Summary);
