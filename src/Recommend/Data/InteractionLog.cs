namespace HttmOrleans.Recommend.Data;

/// <summary>
/// Interactions as parallel arrays (coordinate form) with their id maps: the shape splits work on,
/// and the shape that stays small at millions of events (no object per interaction).
/// </summary>
public sealed class InteractionLog
{
    /// <summary>Wraps arrays of dense indexes; all arrays must have the same length.</summary>
    public InteractionLog(IdMap userIds, IdMap itemIds, int[] users, int[] items, float[] ratings, long[]? timestamps = null)
    {
        if (users.Length != items.Length || users.Length != ratings.Length || (timestamps is not null && timestamps.Length != users.Length))
        {
            throw new ArgumentException("Interaction arrays must have the same length.");
        }

        UserIds = userIds;
        ItemIds = itemIds;
        Users = users;
        Items = items;
        Ratings = ratings;
        Timestamps = timestamps;
    }

    /// <summary>User id map shared by every split of this log.</summary>
    public IdMap UserIds { get; }

    /// <summary>Item id map shared by every split of this log.</summary>
    public IdMap ItemIds { get; }

    /// <summary>Dense user index of each interaction.</summary>
    public int[] Users { get; }

    /// <summary>Dense item index of each interaction.</summary>
    public int[] Items { get; }

    /// <summary>Rating of each interaction (1 for implicit feedback).</summary>
    public float[] Ratings { get; }

    /// <summary>Timestamp of each interaction, or null when the source had none.</summary>
    public long[]? Timestamps { get; }

    /// <summary>Number of interactions.</summary>
    public int Count => Users.Length;

    /// <summary>Collects interactions, assigning dense ids in order of first appearance.</summary>
    public static InteractionLog FromInteractions(IEnumerable<Interaction> interactions)
    {
        var userIds = new IdMap();
        var itemIds = new IdMap();
        var users = new List<int>();
        var items = new List<int>();
        var ratings = new List<float>();
        var timestamps = new List<long>();
        var allTimed = true;
        foreach (var interaction in interactions)
        {
            if (!float.IsFinite(interaction.Rating))
            {
                throw new ArgumentException($"Rating of user '{interaction.UserId}' for item '{interaction.ItemId}' is not a finite number.", nameof(interactions));
            }

            users.Add(userIds.GetOrAdd(interaction.UserId));
            items.Add(itemIds.GetOrAdd(interaction.ItemId));
            ratings.Add(interaction.Rating);
            allTimed &= interaction.Timestamp.HasValue;
            timestamps.Add(interaction.Timestamp ?? 0);
        }

        return new InteractionLog(userIds, itemIds, [.. users], [.. items], [.. ratings], allTimed && users.Count > 0 ? [.. timestamps] : null);
    }

    /// <summary>Builds the CSR matrices over the full id maps (users and items absent here still count).</summary>
    public InteractionMatrix ToMatrix() => InteractionMatrix.FromLog(this);

    /// <summary>A log with the interactions at <paramref name="positions"/>, sharing this log's id maps.</summary>
    public InteractionLog Subset(ReadOnlySpan<int> positions)
    {
        var users = new int[positions.Length];
        var items = new int[positions.Length];
        var ratings = new float[positions.Length];
        var timestamps = Timestamps is null ? null : new long[positions.Length];
        for (var n = 0; n < positions.Length; n++)
        {
            var p = positions[n];
            users[n] = Users[p];
            items[n] = Items[p];
            ratings[n] = Ratings[p];
            if (timestamps is not null)
            {
                timestamps[n] = Timestamps![p];
            }
        }

        return new InteractionLog(UserIds, ItemIds, users, items, ratings, timestamps);
    }
}
