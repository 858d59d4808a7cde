namespace HttmOrleans.Recommend.Serving;

/// <summary>Filters applied to one recommend call.</summary>
public sealed record RecommendOptions
{
    /// <summary>The default: exclude seen items, no allow- or deny-list.</summary>
    public static RecommendOptions Default { get; } = new();

    /// <summary>Leave out items the user interacted with in the training data (on by default).</summary>
    public bool ExcludeSeen { get; init; } = true;

    /// <summary>When set, only these items may be returned; ids the model does not know are ignored.</summary>
    public IReadOnlyCollection<string>? Allow { get; init; }

    /// <summary>Items never to return.</summary>
    public IReadOnlyCollection<string>? Deny { get; init; }

    /// <summary>
    /// Features of the user given at request time (<c>gender=F</c>, <c>age=31</c>), for a user the model never saw:
    /// a model with user features ranks from them instead of falling back to popularity. Ignored for known users
    /// and by models without user features; pairs the model never learned are reported, not used.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>>? UserFeatures { get; init; }
}
