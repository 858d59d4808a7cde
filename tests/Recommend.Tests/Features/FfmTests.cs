using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Evaluation;
using HttmOrleans.Recommend.Serving;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HttmOrleans.Recommend.Tests.Features;

public sealed class FfmTests(FfmFixture fixture) : IClassFixture<FfmFixture>
{
    [Fact]
    public void Ffm_beats_popularity_on_item_cold_start_precision_at_10_by_at_least_two_times()
    {
        var baseline = Evaluator.Evaluate(fixture.Popularity, fixture.ColdSplit.Test, fixture.ColdEvaluation);
        var ffm = Evaluator.Evaluate(fixture.Ffm, fixture.ColdSplit.Test, fixture.ColdEvaluation);

        Assert.True(ffm.Precision >= 2 * baseline.Precision, $"ffm precision@10 {ffm.Precision:F4} vs popularity {baseline.Precision:F4} on cold items");
        Assert.Equal(baseline.UsersEvaluated, ffm.UsersEvaluated);
    }

    [Fact]
    public void Cold_items_with_features_are_recommended_and_have_similar_items()
    {
        var cold = fixture.ColdSplit.ColdItems!.ToHashSet();
        var top = fixture.Ffm.Recommend("u1", 50).Items;

        Assert.Contains(top, r => cold.Contains(r.ItemId));
        var similar = fixture.Ffm.SimilarItems(fixture.ColdSplit.ColdItems![0], 5);
        Assert.NotNull(similar);
        Assert.Equal(5, similar!.Count);
    }

    [Fact]
    public void Request_time_features_change_the_ffm_ranking_for_a_new_user()
    {
        var model = fixture.Ffm;
        var first = model.Recommend("brand-new", 10, new RecommendOptions { UserFeatures = fixture.RequestFeaturesOf("u3") });
        var second = model.Recommend("brand-new", 10, new RecommendOptions { UserFeatures = fixture.RequestFeaturesOf("u4") });
        var none = model.Recommend("brand-new", 10);

        Assert.True(first.FromRequestFeatures);
        Assert.False(first.FellBackToPopularity);
        Assert.Empty(first.UnknownFeatures);
        Assert.NotEqual(first.Items.Select(r => r.ItemId), second.Items.Select(r => r.ItemId));
        Assert.True(none.FellBackToPopularity);
        Assert.NotEqual(first.Items.Select(r => r.ItemId), none.Items.Select(r => r.ItemId));
    }

    [Fact]
    public void Request_time_features_the_model_never_learned_are_reported_and_alone_fall_back_to_popularity()
    {
        var features = fixture.RequestFeaturesOf("u3");
        features.Add(KeyValuePair.Create("country", "Atlantis"));

        var mixed = fixture.Ffm.Recommend("brand-new", 10, new RecommendOptions { UserFeatures = features });
        var unknownOnly = fixture.Ffm.Recommend("brand-new", 10, new RecommendOptions { UserFeatures = [KeyValuePair.Create("country", "Atlantis")] });

        Assert.True(mixed.FromRequestFeatures);
        Assert.Equal(["country=Atlantis"], mixed.UnknownFeatures);
        Assert.False(unknownOnly.FromRequestFeatures);
        Assert.True(unknownOnly.FellBackToPopularity);
        Assert.Equal(["country=Atlantis"], unknownOnly.UnknownFeatures);
    }

    [Fact]
    public void A_saved_ffm_model_serves_known_users_new_users_and_cold_items_the_same_after_loading()
    {
        var model = fixture.Ffm;
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = TrainedRecommender.Load(stream);

        var options = new RecommendOptions { UserFeatures = fixture.RequestFeaturesOf("u8") };
        Assert.Equal(model.Recommend("u8", 20).Items, loaded.Recommend("u8", 20).Items);
        Assert.Equal(model.Recommend("new", 20, options).Items, loaded.Recommend("new", 20, options).Items);
        var coldItem = fixture.ColdSplit.ColdItems![1];
        Assert.Equal(model.SimilarItems(coldItem, 10), loaded.SimilarItems(coldItem, 10));
        Assert.Equal("ffm", loaded.Algorithm);
    }

    [Fact]
    public void The_same_seed_gives_the_same_ffm_model_and_another_seed_a_different_one()
    {
        var ffm = AlgorithmRegistry.Get("ffm");
        TrainedRecommender Fit(int seed) => ffm.Fit(fixture.ColdTrain, ffm.Schema.ResolveOrThrow(new Dictionary<string, object> { ["iterations"] = 1, ["seed"] = seed }));

        var first = Fit(1);
        var again = Fit(1);
        var other = Fit(2);

        foreach (var user in new[] { "u0", "u99", "u321" })
        {
            Assert.Equal(first.Recommend(user, 20).Items, again.Recommend(user, 20).Items);
        }

        Assert.NotEqual(first.Recommend("u0", 20).Items, other.Recommend("u0", 20).Items);
    }

    [Fact]
    public void Cancelling_during_ML_NET_training_stops_the_fit_with_operation_cancelled()
    {
        var ffm = AlgorithmRegistry.Get("ffm");
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(report =>
        {
            if (report.Message.Contains("pass", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => ffm.Fit(fixture.ColdTrain, ffm.Schema.Defaults, progress, cancel.Token));
        Assert.True(cancel.IsCancellationRequested);
    }

    [Fact]
    public void The_folded_vectors_rank_items_exactly_as_the_ML_NET_model_scores_them()
    {
        var ffm = AlgorithmRegistry.Get("ffm");
        var parameters = ffm.Schema.ResolveOrThrow(new Dictionary<string, object> { ["iterations"] = 2 });
        var (transformer, context, layout) = FfmAlgorithm.Train(fixture.ColdTrain, parameters, null, CancellationToken.None);
        var model = transformer.Model;
        var scorer = FfmFolding.Fold(layout, model.GetLinearWeights(), model.GetLatentWeights(), model.LatentDimension);
        var items = Enumerable.Range(0, layout.Items).Where(i => layout.WarmItems[i]).Take(40).ToArray();
        var folded = new float[layout.Items];

        foreach (var user in new[] { 0, 7, 123 })
        {
            var examples = items.Select(i => new FfmExample
            {
                User = layout.UserIdentity[user],
                Item = layout.ItemIdentity[i],
                UserFeatures = layout.UserFeatures[user],
                ItemFeatures = layout.ItemFeatures[i],
            });
            var scored = transformer.Transform(context.Data.LoadFromEnumerable(examples, layout.Schema()));
            var reference = scored.GetColumn<float>("Score").ToArray();
            scorer.ScoreAll(user, [], [], folded);

            // The user-only terms are one constant per user: differences to the first item must agree.
            for (var n = 1; n < items.Length; n++)
            {
                Assert.Equal(reference[n] - reference[0], folded[items[n]] - folded[items[0]], 3);
            }
        }
    }
}
