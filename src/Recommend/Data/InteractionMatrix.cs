namespace HttmOrleans.Recommend.Data;

/// <summary>
/// The training input of every algorithm: the same interactions as CSR by user and by item,
/// with the id maps that turn dense indexes back into external ids.
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
