using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Tests;

[Collection(SyntheticCollection.Name)]
public sealed class ServingTests(SyntheticFixture fixture)
{
    public static TheoryData<string> AllAlgorithms => ["popularity", "item-knn", "nmf", "svd", "als", "bpr", "ease", "hybrid", "ffm"];

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void Seen_items_never_come_back(string algorithm)
    {
        var model = fixture.Model(algorithm);
        var byUser = fixture.Train.ByUser;
        for (var u = 0; u < fixture.Train.UserCount; u += 7)
        {
            var result = model.Recommend(fixture.Train.UserIds[u], 50);

            Assert.False(result.FellBackToPopularity);
            Assert.Equal(50, result.Items.Count);
            Assert.All(result.Items, r => Assert.False(byUser.Contains(u, Index(r.ItemId)), $"{r.ItemId} was seen by user {u}"));
        }
    }

    [Fact]
    public void Seen_items_may_return_when_the_caller_switches_exclusion_off()
    {
        var model = fixture.Model("item-knn");
        var user = fixture.Train.UserIds[3];
        var seen = fixture.Train.ByUser.RowIndices(3).ToArray();

        var result = model.Recommend(user, fixture.Train.ItemCount, new RecommendOptions { ExcludeSeen = false });

        Assert.Contains(result.Items, r => seen.Contains(Index(r.ItemId)));
    }

    [Theory]
    [InlineData("svd")]
    [InlineData("popularity")]
    public void An_unknown_user_gets_popularity_and_the_response_says_so(string algorithm)
    {
        var model = fixture.Model(algorithm);
        var popular = Enumerable.Range(0, fixture.Train.ItemCount)
            .OrderByDescending(i => fixture.Train.ByItem.RowLength(i)).ThenBy(i => i)
            .Take(10).Select(i => fixture.Train.ItemIds[i]);

        var result = model.Recommend("somebody-new", 10);

        Assert.True(result.FellBackToPopularity);
        Assert.False(model.KnowsUser("somebody-new"));
        Assert.Equal(popular, result.Items.Select(r => r.ItemId));
    }

    [Fact]
    public void A_known_user_is_not_flagged_as_a_fallback()
    {
        var result = fixture.Model("popularity").Recommend("u1", 10);

        Assert.False(result.FellBackToPopularity);
    }

    [Fact]
    public void Only_allowed_items_are_returned_and_denied_ones_never()
    {
        var model = fixture.Model("als");
        var allow = new[] { "i1", "i2", "i3", "i4", "i5", "not-an-item" };
        var deny = new[] { "i2" };

        var result = model.Recommend("u10", 10, new RecommendOptions { Allow = allow, Deny = deny, ExcludeSeen = false });

        Assert.Equal(4, result.Items.Count);
        Assert.All(result.Items, r => Assert.Contains(r.ItemId, allow));
        Assert.DoesNotContain(result.Items, r => r.ItemId == "i2");
    }

    [Fact]
    public void Denied_items_stay_out_of_the_fallback_too()
    {
        var model = fixture.Model("bpr");
        var top = model.Recommend("stranger", 3).Items.Select(r => r.ItemId).ToArray();

        var result = model.Recommend("stranger", 3, new RecommendOptions { Deny = top });

        Assert.True(result.FellBackToPopularity);
        Assert.Empty(result.Items.Select(r => r.ItemId).Intersect(top));
    }

    [Fact]
    public void A_batch_gives_the_same_answers_as_single_calls_in_input_order()
    {
        var model = fixture.Model("svd");
        var users = new[] { "u3", "unknown-1", "u200", "u3", "u399" };

        var batch = model.RecommendBatch(users, 15);

        Assert.Equal(users, batch.Select(r => r.UserId));
        for (var n = 0; n < users.Length; n++)
        {
            var single = model.Recommend(users[n], 15);
            Assert.Equal(single.Items, batch[n].Items);
            Assert.Equal(single.FellBackToPopularity, batch[n].FellBackToPopularity);
        }
    }

    [Fact]
    public void Recommendations_come_best_first()
    {
        var items = fixture.Model("ease").Recommend("u42", 30).Items;

        Assert.Equal(items.OrderByDescending(r => r.Score).Select(r => r.Score), items.Select(r => r.Score));
    }

    [Theory]
    [InlineData("item-knn")]
    [InlineData("svd")]
    [InlineData("als")]
    [InlineData("ease")]
    public void Similar_items_leave_out_the_item_itself(string algorithm)
    {
        var similar = fixture.Model(algorithm).SimilarItems("i7", 10);

        Assert.NotNull(similar);
        Assert.NotEmpty(similar);
        Assert.DoesNotContain(similar, r => r.ItemId == "i7");
        Assert.Equal(similar.Count, similar.Select(r => r.ItemId).Distinct().Count());
    }

    [Fact]
    public void Similar_items_of_an_unknown_item_is_null_and_popularity_has_none()
    {
        Assert.Null(fixture.Model("svd").SimilarItems("no-such-item", 5));
        Assert.Throws<NotSupportedException>(() => fixture.Model("popularity").SimilarItems("i1", 5));
    }

    [Fact]
    public void Rating_models_predict_ratings_and_ranking_models_do_not()
    {
        Assert.NotNull(fixture.Model("svd").PredictRating("u1", "i1"));
        Assert.Null(fixture.Model("svd").PredictRating("u1", "unknown"));
        Assert.Null(fixture.Model("bpr").PredictRating("u1", "i1"));
    }

    private int Index(string itemId) => fixture.Train.ItemIds.TryGetIndex(itemId, out var index) ? index : -1;
}
