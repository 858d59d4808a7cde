namespace HttmOrleans.Recommend.Serving;

/// <summary>Recommend options translated once to dense item indexes (ids the model does not know are dropped).</summary>
internal sealed class ItemFilter
{
    private ItemFilter(bool excludeSeen, int[]? allow, int[] deny)
    {
        ExcludeSeen = excludeSeen;
        AllowArray = allow;
        DenyArray = deny;
    }

    public bool ExcludeSeen { get; }

    public bool AllowAll => AllowArray is null;

    public ReadOnlySpan<int> Allow => AllowArray;

    public ReadOnlySpan<int> Deny => DenyArray;

    private int[]? AllowArray { get; }

    private int[] DenyArray { get; }

    public static ItemFilter Create(TrainedRecommender model, RecommendOptions options)
    {
        int[]? allow = options.Allow is null ? null : ToIndexes(model, options.Allow);
        var deny = options.Deny is null ? [] : ToIndexes(model, options.Deny);
        return new ItemFilter(options.ExcludeSeen, allow, deny);
    }

    private static int[] ToIndexes(TrainedRecommender model, IReadOnlyCollection<string> ids)
    {
        var indexes = new List<int>(ids.Count);
        foreach (var id in ids)
        {
            if (model.ItemIds.TryGetIndex(id, out var index))
            {
                indexes.Add(index);
            }
        }

        // Distinct so a repeated allow-list id cannot be returned twice.
        return [.. indexes.Distinct()];
    }
}
