using HttmOrleans.Recommend.Serving;
using Xunit.Abstractions;

namespace HttmOrleans.Recommend.Tests;

[Collection(FeatureCollection.Name)]
public sealed class HybridColdStartTests(FeatureFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void Hybrid_beats_popularity_on_item_cold_start_precision_at_10_by_at_least_two_times()
    {
        var popularity = FeatureFixture.Evaluate(fixture.Model("popularity", fixture.ItemCold), fixture.ItemCold);
        var hybrid = FeatureFixture.Evaluate(fixture.Model("hybrid", fixture.ItemCold), fixture.ItemCold);
        output.WriteLine($"item cold start precision@10: hybrid {hybrid.Precision:F4}, popularity {popularity.Precision:F4}");

        Assert.True(hybrid.Precision >= 2 * popularity.Precision, $"hybrid {hybrid.Precision:F4} vs popularity {popularity.Precision:F4}");
        Assert.True(hybrid.UsersEvaluated > 100);
    }

    [Fact]
    public void Hybrid_stays_within_ten_percent_of_als_on_the_warm_split()
    {
        var als = FeatureFixture.Evaluate(fixture.Model("als", fixture.Warm), fixture.Warm);
        var hybrid = FeatureFixture.Evaluate(fixture.Model("hybrid", fixture.Warm), fixture.Warm);
        output.WriteLine($"warm precision@10: hybrid {hybrid.Precision:F4}, als {als.Precision:F4}; ndcg@10 {hybrid.Ndcg:F4} vs {als.Ndcg:F4}");

        Assert.True(hybrid.Precision >= 0.9 * als.Precision, $"hybrid {hybrid.Precision:F4} vs als {als.Precision:F4}");
    }

    [Fact]
    public void A_hybrid_with_only_noise_features_does_not_beat_popularity_on_item_cold_start()
    {
        var popularity = FeatureFixture.Evaluate(fixture.Model("popularity", fixture.ItemCold), fixture.ItemCold);
        var noise = FeatureFixture.Evaluate(fixture.Model("hybrid", fixture.ItemCold, noiseOnly: true), fixture.ItemCold);
        output.WriteLine($"item cold start precision@10 with noise features: hybrid {noise.Precision:F4}, popularity {popularity.Precision:F4}");

        // Popularity knows nothing of cold items either: both are near chance, the hybrid must not be clearly above.
        Assert.True(noise.Precision <= popularity.Precision * 1.3, $"noise-only hybrid {noise.Precision:F4} vs popularity {popularity.Precision:F4}");
    }

    [Fact]
    public void Cold_items_with_the_same_features_get_the_same_vector_because_no_identity_is_learned_for_them()
    {
        var cold = fixture.ItemCold.ColdItems!;
        var copied = fixture.Data.ItemFeatureSamples().Where(s => s.EntityId == cold[0]).Select(s => s with { EntityId = cold[1] });
        var items = fixture.Data.ItemFeatureSamples().Where(s => s.EntityId != cold[1]).Concat(copied);
        var train = FeatureFixture.WithFeatures(fixture.ItemCold, fixture.Data.UserFeatureSamples(), items);
        var hybrid = Algorithms.AlgorithmRegistry.Get("hybrid");
        var model = hybrid.Fit(train, hybrid.Schema.ResolveOrThrow(new Dictionary<string, object> { ["epochs"] = 5 }));

        var options = new RecommendOptions { ExcludeSeen = false };
        var scores = model.Recommend("u0", model.ItemCount, options).Items.ToDictionary(r => r.ItemId, r => r.Score);
        Assert.Equal(scores[cold[0]], scores[cold[1]]);
        var similar = model.SimilarItems(cold[0], 3)!;
        Assert.Equal(cold[1], similar[0].ItemId);
        Assert.Equal(1f, similar[0].Score, 4);
    }

    [Fact]
    public void User_cold_start_beats_popularity()
    {
        var popularity = FeatureFixture.Evaluate(fixture.Model("popularity", fixture.UserCold), fixture.UserCold);
        var hybrid = FeatureFixture.Evaluate(fixture.Model("hybrid", fixture.UserCold), fixture.UserCold);
        output.WriteLine($"user cold start ndcg@10: hybrid {hybrid.Ndcg:F4}, popularity {popularity.Ndcg:F4}; precision {hybrid.Precision:F4} vs {popularity.Precision:F4}");

        Assert.True(hybrid.Ndcg > popularity.Ndcg * 1.1, $"hybrid {hybrid.Ndcg:F4} vs popularity {popularity.Ndcg:F4}");
    }

    [Fact]
    public void Request_time_features_rank_a_new_user_better_than_popularity_and_different_features_rank_differently()
    {
        var model = fixture.Model("hybrid", fixture.UserCold);
        var popularity = model.Recommend("nobody", 10);
        var byUser = fixture.Data.UserFeatureSamples().ToLookup(s => s.EntityId);
        var held = fixture.UserCold.Test;
        var relevant = Enumerable.Range(0, held.Count).ToLookup(n => held.UserIds[held.Users[n]], n => held.ItemIds[held.Items[n]]);
        int featureHits = 0, popularityHits = 0;
        var rankings = new HashSet<string>();
        foreach (var user in fixture.UserCold.ColdUsers!)
        {
            var features = byUser[user].Select(s => Pair(s.Feature)).ToList();
            var result = model.Recommend("new-" + user, 10, new RecommendOptions { UserFeatures = features });

            Assert.True(result.FromRequestFeatures);
            Assert.False(result.FellBackToPopularity);
            Assert.Empty(result.UnknownFeatures);
            rankings.Add(string.Join(',', result.Items.Select(r => r.ItemId)));
            var items = relevant[user].ToHashSet();
            featureHits += result.Items.Count(r => items.Contains(r.ItemId));
            popularityHits += popularity.Items.Count(r => items.Contains(r.ItemId));
        }

        output.WriteLine($"hits in the top 10 of {fixture.UserCold.ColdUsers!.Count} new users: features {featureHits}, popularity {popularityHits}; {rankings.Count} distinct rankings");
        Assert.True(popularity.FellBackToPopularity);
        Assert.True(featureHits > popularityHits * 1.2, $"features {featureHits} vs popularity {popularityHits}");
        Assert.True(rankings.Count > fixture.UserCold.ColdUsers.Count / 2);
    }

    [Fact]
    public void Unknown_request_features_are_reported_and_a_request_with_only_unknown_ones_falls_back()
    {
        var model = fixture.Model("hybrid", fixture.UserCold);

        var mixed = model.Recommend("new", 5, new RecommendOptions { UserFeatures = [Pair("f0=b1"), Pair("planet=mars")] });
        var unknown = model.Recommend("new", 5, new RecommendOptions { UserFeatures = [Pair("planet=mars")] });

        Assert.True(mixed.FromRequestFeatures);
        Assert.Equal(["planet=mars"], mixed.UnknownFeatures);
        Assert.True(unknown.FellBackToPopularity);
        Assert.False(unknown.FromRequestFeatures);
    }

    private static KeyValuePair<string, string> Pair(string feature)
    {
        var equals = feature.IndexOf('=', StringComparison.Ordinal);
        return new(feature[..equals], feature[(equals + 1)..]);
    }
}
