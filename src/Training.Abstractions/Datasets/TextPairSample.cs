namespace HttmOrleans.Grains.Datasets;

/// <summary>One row of a <c>text-pairs</c> dataset.</summary>
public sealed record TextPairSample(string Document, string Summary);
