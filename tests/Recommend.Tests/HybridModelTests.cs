using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Tests;

[Collection(FeatureCollection.Name)]
public sealed class HybridModelTests(FeatureFixture fixture)
{
    private static readonly RecommendOptions NewUser = new() { UserFeatures = [new("f0", "b1"), new("f1", "b3"), new("n0", "v2")] };

    [Theory]
    [InlineData("warp")]
    [InlineData("bpr")]
    public void The_same_seed_gives_identical_scores(string loss)
    {
        var hybrid = AlgorithmRegistry.Get("hybrid");
        var parameters = hybrid.Schema.ResolveOrThrow(new Dictionary<string, object> { ["loss"] = loss, ["epochs"] = 4, ["components"] = 16, ["seed"] = 9 });
        var train = fixture.Train(fixture.ItemCold);

        var first = hybrid.Fit(train, parameters);
        var second = hybrid.Fit(train, parameters);

        Assert.Equal(Scores(first, "u3"), Scores(second, "u3"));
        Assert.Equal(first.Recommend("new", 20, NewUser).Items, second.Recommend("new", 20, NewUser).Items);
    }

    [Fact]
    public void The_thread_count_changes_the_speed_but_not_the_model()
    {
        var parameters = new HybridAlgorithm().Schema.ResolveOrThrow(new Dictionary<string, object> { ["epochs"] = 3, ["components"] = 16 });
        var train = fixture.Train(fixture.ItemCold);

        var one = new HybridAlgorithm { Threads = 1 }.Fit(train, parameters);
        var three = new HybridAlgorithm { Threads = 3 }.Fit(train, parameters);

        Assert.Equal(Scores(one, "u3"), Scores(three, "u3"));
        Assert.Equal(one.Recommend("new", 20, NewUser).Items, three.Recommend("new", 20, NewUser).Items);
    }

    [Fact]
    public void Identity_penalties_change_the_model_yet_it_still_learns_and_does_not_depend_on_the_thread_count()
    {
        // user_alpha / item_alpha take the per-sample path that reads the identity back from the representation.
        var penalised = new Dictionary<string, object> { ["epochs"] = 10, ["components"] = 16, ["user_alpha"] = 1e-3, ["item_alpha"] = 1e-3 };
        var parameters = new HybridAlgorithm().Schema.ResolveOrThrow(penalised);
        var train = fixture.Train(fixture.Warm);

        var one = new HybridAlgorithm { Threads = 1 }.Fit(train, parameters);
        var two = new HybridAlgorithm { Threads = 2 }.Fit(train, parameters);
        var plain = fixture.Model("hybrid", fixture.Warm, parameters: new Dictionary<string, object> { ["epochs"] = 10, ["components"] = 16 });
        var popularity = FeatureFixture.Evaluate(fixture.Model("popularity", fixture.Warm), fixture.Warm);
        var report = FeatureFixture.Evaluate(one, fixture.Warm);

        Assert.Equal(Scores(one, "u3"), Scores(two, "u3"));
        Assert.All(Scores(one, "u3"), score => Assert.True(float.IsFinite(score)));
        Assert.True(report.Precision > popularity.Precision, $"penalised hybrid {report.Precision:F4} vs popularity {popularity.Precision:F4}");
        Assert.NotEqual(Scores(plain, "u3"), Scores(one, "u3"));
    }

    [Fact]
    public void A_saved_hybrid_loads_back_and_serves_known_users_cold_items_and_new_users_alike()
    {
        var model = fixture.Model("hybrid", fixture.ItemCold);
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;

        var loaded = TrainedRecommender.Load(stream);

        var cold = fixture.ItemCold.ColdItems![0];
        Assert.Equal(model.Recommend("u3", 10).Items, loaded.Recommend("u3", 10).Items);
        Assert.Equal(model.SimilarItems(cold, 5), loaded.SimilarItems(cold, 5));
        var fresh = loaded.Recommend("new", 10, NewUser);
        Assert.True(fresh.FromRequestFeatures);
        Assert.Equal(model.Recommend("new", 10, NewUser).Items, fresh.Items);
    }

    [Fact]
    public void Cold_items_are_recommendable_and_have_similar_items()
    {
        var model = fixture.Model("hybrid", fixture.ItemCold);
        var cold = fixture.ItemCold.ColdItems!.ToHashSet();

        var everything = model.Recommend("u3", model.ItemCount).Items;
        var similar = model.SimilarItems(fixture.ItemCold.ColdItems![0], 10)!;

        Assert.Equal(cold.Count, everything.Count(r => cold.Contains(r.ItemId)));
        Assert.All(everything, r => Assert.True(float.IsFinite(r.Score)));
        Assert.Equal(10, similar.Count);
    }

    [Fact]
    public void Numeric_features_are_scaled_so_a_large_value_does_not_swamp_the_others()
    {
        // age in years next to the categorical signal: unscaled, 25 would outweigh thirteen weight-1 features.
        var users = fixture.Data.UserFeatureSamples().Concat(
            Enumerable.Range(0, fixture.Options.Users).Select(u => new Grains.Datasets.FeatureSample($"u{u}", "age", 18 + (u % 50))));
        var train = FeatureFixture.WithFeatures(fixture.UserCold, users, fixture.Data.ItemFeatureSamples());
        var hybrid = AlgorithmRegistry.Get("hybrid");
        var model = hybrid.Fit(train, hybrid.Schema.ResolveOrThrow(new Dictionary<string, object>()));

        var withAge = FeatureFixture.Evaluate(model, fixture.UserCold);
        var without = FeatureFixture.Evaluate(fixture.Model("hybrid", fixture.UserCold), fixture.UserCold);
        var young = model.Recommend("new", 10, new RecommendOptions { UserFeatures = [new("age", "20")] });
        var old = model.Recommend("new", 10, new RecommendOptions { UserFeatures = [new("age", "60")] });

        Assert.True(withAge.Ndcg > without.Ndcg * 0.9, $"with age {withAge.Ndcg:F4} vs without {without.Ndcg:F4}");
        Assert.True(young.FromRequestFeatures);
        Assert.True(old.FromRequestFeatures);
    }

    private static float[] Scores(TrainedRecommender model, string user) =>
        [.. model.Recommend(user, model.ItemCount, new RecommendOptions { ExcludeSeen = false }).Items.OrderBy(r => r.ItemId, StringComparer.Ordinal).Select(r => r.Score)];
}
