using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Evaluation;

namespace HttmOrleans.Recommend.Tests;

[Collection(SyntheticCollection.Name)]
public sealed class AccuracyTests(SyntheticFixture fixture)
{
    public static TheoryData<string> LearningAlgorithms => ["item-knn", "nmf", "svd", "als", "bpr", "ease", "hybrid"];

    [Theory]
    [InlineData(10)] // padded to 16 floats a row
    [InlineData(136)] // wider than the 512-bit register kernel takes: the span kernel
    public void Als_beats_popularity_with_factor_counts_other_than_the_default(int factors)
    {
        var als = AlgorithmRegistry.Get("als");
        var model = als.Fit(fixture.Train, als.Schema.ResolveOrThrow(new Dictionary<string, object> { ["factors"] = factors }));

        var popularity = Evaluator.Evaluate(fixture.Model("popularity"), fixture.Split.Test);
        var learned = Evaluator.Evaluate(model, fixture.Split.Test);
        Assert.True(learned.Ndcg > popularity.Ndcg * 1.1, $"als ({factors} factors) ndcg@10 {learned.Ndcg:F4} vs popularity {popularity.Ndcg:F4}");
    }

    [Theory]
    [MemberData(nameof(LearningAlgorithms))]
    public void Every_learning_algorithm_beats_popularity_on_ndcg_at_10(string algorithm)
    {
        var popularity = Evaluator.Evaluate(fixture.Model("popularity"), fixture.Split.Test);
        var learned = Evaluator.Evaluate(fixture.Model(algorithm), fixture.Split.Test);

        Assert.True(learned.Ndcg > popularity.Ndcg * 1.1, $"{algorithm} ndcg@10 {learned.Ndcg:F4} vs popularity {popularity.Ndcg:F4}");
        Assert.Equal(popularity.UsersEvaluated, learned.UsersEvaluated);
    }

    [Fact]
    public void Svd_gets_within_ten_percent_of_the_noise_floor_on_rmse()
    {
        var report = Evaluator.Evaluate(fixture.Model("svd"), fixture.Split.Test);

        Assert.NotNull(report.Rmse);
        Assert.InRange(report.Rmse!.Value, fixture.Data.NoiseStd * 0.9, fixture.Data.NoiseStd * 1.1);
        Assert.Equal(fixture.Split.Test.Count, report.RatingsEvaluated);
    }

    [Theory]
    [InlineData("svd")]
    [InlineData("nmf")]
    public void Rating_models_predict_better_than_item_means(string algorithm)
    {
        var baseline = Evaluator.Evaluate(fixture.Model("popularity"), fixture.Split.Test).Rmse!.Value;
        var learned = Evaluator.Evaluate(fixture.Model(algorithm), fixture.Split.Test).Rmse!.Value;

        Assert.True(learned < baseline * 0.8, $"{algorithm} rmse {learned:F4} vs item means {baseline:F4}");
    }

    [Fact]
    public void Ranking_only_models_report_no_rating_metrics()
    {
        var metrics = Evaluator.Evaluate(fixture.Model("als"), fixture.Split.Test).Metrics;

        Assert.False(metrics.ContainsKey("rmse"));
        Assert.Contains("ndcg@10", metrics.Keys);
        Assert.Contains("coverage@10", metrics.Keys);
    }

    [Theory]
    [InlineData("svd")]
    [InlineData("bpr")]
    [InlineData("als")]
    public void Fitting_twice_with_the_same_seed_gives_the_same_model(string algorithm)
    {
        var implementation = AlgorithmRegistry.Get(algorithm);
        var parameters = implementation.Schema.ResolveOrThrow(new Dictionary<string, object> { ["factors"] = 8, ["seed"] = 3 });
        var first = implementation.Fit(fixture.Train, parameters).Recommend("u5", 20);
        var second = implementation.Fit(fixture.Train, parameters).Recommend("u5", 20);

        Assert.Equal(first.Items, second.Items);
    }
}
