using HttmOrleans.Recommend.Features;

namespace HttmOrleans.Recommend.Data;

/// <summary>
/// The training input of every algorithm: the same interactions as CSR by user and by item,
/// with the id maps that turn dense indexes back into external ids, and optionally the users' and items' features
/// (rows aligned with the id maps; algorithms that do not use features ignore them).
/// </summary>
public sealed class InteractionMatrix
{
    private InteractionMatrix(IdMap userIds, IdMap itemIds, CsrMatrix byUser)
    {
        UserIds = userIds;
        ItemIds = itemIds;
        ByUser = byUser;
        ByItem = byUser.Transpose();
        IsImplicit = Array.TrueForAll(byUser.Values, v => v == 1f);
    }

    private InteractionMatrix(InteractionMatrix source, FeatureMatrix? userFeatures, FeatureMatrix? itemFeatures)
    {
        UserIds = source.UserIds;
        ItemIds = source.ItemIds;
        ByUser = source.ByUser;
        ByItem = source.ByItem;
        IsImplicit = source.IsImplicit;
        UserFeatures = userFeatures;
        ItemFeatures = itemFeatures;
    }

    /// <summary>User id map.</summary>
    public IdMap UserIds { get; }

    /// <summary>Item id map.</summary>
    public IdMap ItemIds { get; }

    /// <summary>Rows are users, columns items.</summary>
    public CsrMatrix ByUser { get; }

    /// <summary>Rows are items, columns users.</summary>
    public CsrMatrix ByItem { get; }

    /// <summary>Number of users (rows of <see cref="ByUser"/>).</summary>
    public int UserCount => ByUser.Rows;

    /// <summary>Number of items in the catalogue.</summary>
    public int ItemCount => ByUser.Columns;

    /// <summary>Number of distinct (user, item) pairs.</summary>
    public int Count => ByUser.Count;

    /// <summary>True when every value is 1: implicit feedback, so rating metrics mean nothing.</summary>
    public bool IsImplicit { get; }

    /// <summary>Features of the users, one row per user index; null when the model has none.</summary>
    public FeatureMatrix? UserFeatures { get; }

    /// <summary>Features of the items, one row per item index; null when the model has none.</summary>
    public FeatureMatrix? ItemFeatures { get; }

    /// <summary>The same interactions with these features attached (the arrays are shared, not copied).</summary>
    /// <exception cref="ArgumentException">A feature matrix has a row count other than the users' or items'.</exception>
    public InteractionMatrix WithFeatures(FeatureMatrix? userFeatures, FeatureMatrix? itemFeatures)
    {
        if (userFeatures is not null && userFeatures.EntityCount != UserCount)
        {
            throw new ArgumentException($"The user features have {userFeatures.EntityCount} rows for {UserCount} users.", nameof(userFeatures));
        }

        if (itemFeatures is not null && itemFeatures.EntityCount != ItemCount)
        {
            throw new ArgumentException($"The item features have {itemFeatures.EntityCount} rows for {ItemCount} items.", nameof(itemFeatures));
        }

        return new InteractionMatrix(this, userFeatures, itemFeatures);
    }

    /// <summary>Builds the matrix from interaction objects.</summary>
    public static InteractionMatrix FromInteractions(IEnumerable<Interaction> interactions) =>
        InteractionLog.FromInteractions(interactions).ToMatrix();

    /// <summary>Builds the matrix from a log; the shape is the log's full id maps.</summary>
    public static InteractionMatrix FromLog(InteractionLog log)
    {
        var byUser = CsrMatrix.FromCoordinates(log.UserIds.Count, log.ItemIds.Count, log.Users, log.Items, log.Ratings);
        return new InteractionMatrix(log.UserIds, log.ItemIds, byUser);
    }
}
