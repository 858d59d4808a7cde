namespace HttmOrleans.Grains.Datasets;

/// <summary>The two dataset kinds and their columns.</summary>
public static class DatasetKinds
{
    /// <summary>user_id, item_id, rating (default 1.0), timestamp (optional, unix seconds).</summary>
    public const string Interactions = "interactions";

    /// <summary>document, summary.</summary>
    public const string TextPairs = "text-pairs";

    /// <summary>True for a known kind.</summary>
    public static bool IsKnown(string? kind) => kind is Interactions or TextPairs;
}
