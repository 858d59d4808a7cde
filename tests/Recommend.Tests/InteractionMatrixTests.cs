using HttmOrleans.Recommend.Data;

namespace HttmOrleans.Recommend.Tests;

public sealed class InteractionMatrixTests
{
    [Fact]
    public void A_repeated_pair_keeps_the_last_rating()
    {
        var matrix = InteractionMatrix.FromInteractions(
        [
            new("ann", "b", 2), new("ann", "a", 5), new("bob", "a", 1), new("ann", "b", 4), new("ann", "c", 3),
        ]);

        Assert.Equal(3, matrix.ItemCount);
        Assert.Equal(4, matrix.Count);
        Assert.Equal([0, 1, 2], matrix.ByUser.RowIndices(0).ToArray());
        Assert.Equal([4f, 5f, 3f], matrix.ByUser.RowValues(0).ToArray());
        Assert.False(matrix.IsImplicit);
    }

    [Fact]
    public void By_item_is_the_transpose_of_by_user()
    {
        var random = new Random(5);
        var interactions = Enumerable.Range(0, 2_000)
            .Select(_ => new Interaction("u" + random.Next(50), "i" + random.Next(80)))
            .ToArray();

        var matrix = InteractionMatrix.FromInteractions(interactions);

        Assert.True(matrix.IsImplicit);
        Assert.Equal(matrix.Count, matrix.ByItem.Count);
        for (var u = 0; u < matrix.UserCount; u++)
        {
            foreach (var i in matrix.ByUser.RowIndices(u))
            {
                Assert.True(matrix.ByItem.Contains(i, u));
            }
        }

        var pairs = interactions.Select(x => (x.UserId, x.ItemId)).Distinct().Count();
        Assert.Equal(pairs, matrix.Count);
    }

    [Fact]
    public void Memory_grows_with_interactions_not_users_times_items()
    {
        var users = Enumerable.Range(0, 100_000).Select(u => new Interaction("u" + u, "i" + u));

        var matrix = InteractionMatrix.FromInteractions(users);

        Assert.Equal(100_000, matrix.UserCount);
        Assert.Equal(100_000, matrix.ItemCount);
        Assert.Equal(100_000, matrix.ByUser.ColumnIndices.Length);
        Assert.Equal(100_001, matrix.ByUser.RowPointers.Length);
    }

    [Fact]
    public void A_non_finite_rating_is_refused_with_the_user_and_item_named()
    {
        var error = Assert.Throws<ArgumentException>(() => InteractionLog.FromInteractions([new("ann", "x", float.NaN)]));

        Assert.Contains("'ann'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
    }
}
