namespace HttmOrleans.Grains.Datasets;

/// <summary>The dataset kinds and their columns.</summary>
public static class DatasetKinds
{
    /// <summary>user_id, item_id, rating (default 1.0), timestamp (optional, unix seconds).</summary>
    public const string Interactions = "interactions";

    /// <summary>document, summary.</summary>
    public const string TextPairs = "text-pairs";

    /// <summary>
    /// entity_id, feature, value: features of users or of items (which one is up to the model that names the
    /// dataset). A categorical feature is named <c>column=value</c> with value 1; a numeric one is the column name.
    /// </summary>
    public const string Features = "features";

    /// <summary>True for a known kind.</summary>
    public static bool IsKnown(string? kind) => kind is Interactions or TextPairs or Features;
}
