namespace HttmOrleans.Summarization;

/// <summary>One document→summary sample.</summary>
public sealed record TextPair(string Document, string Summary);
