using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Evaluation;

namespace HttmOrleans.Recommend.Tests;

public sealed class EvaluatorTests
{
    // Popularity after training: a 5, b 3, c 2, d 1, e 0. User t saw a; held out: c (rated 5) and e (rated 1).
    private static readonly InteractionLog Log = InteractionLog.FromInteractions(
    [
        new("x1", "a", 1), new("x1", "b", 2), new("x1", "c", 2), new("x1", "d", 5),
        new("x2", "a", 3), new("x2", "b", 4), new("x2", "c", 4),
        new("x3", "a", 5), new("x3", "b", 3),
        new("x4", "a", 2),
        new("t", "a", 4), new("t", "c", 5), new("t", "e", 1),
    ]);

    [Fact]
    public void Ranking_metrics_match_a_hand_computed_case()
    {
        var (train, test) = Split();
        var model = Fit(train);

        var report = Evaluator.Evaluate(model, test, new EvaluationOptions { K = 3 });

        // t is shown b, c, d (a is excluded as seen): one hit, at rank 2.
        Assert.Equal(1, report.UsersEvaluated);
        Assert.Equal(1.0 / 3, report.Precision, 6);
        Assert.Equal(0.5, report.Recall, 6);
        Assert.Equal(1 / Math.Log2(3) / (1 + (1 / Math.Log2(3))), report.Ndcg, 6);
        Assert.Equal(0.25, report.Map, 6);
        Assert.Equal(3.0 / 5, report.Coverage, 6);
        Assert.Equal(report.Ndcg, report.Metrics["ndcg@3"]);
    }

    [Fact]
    public void Rating_errors_match_a_hand_computed_case()
    {
        var (train, test) = Split();
        var model = Fit(train);

        var report = Evaluator.Evaluate(model, test, new EvaluationOptions { K = 3 });

        // c's mean is 3 (error 2); e has no ratings, so the global mean 35/11 (error 24/11).
        var e = 24.0 / 11;
        Assert.Equal(Math.Sqrt((4 + (e * e)) / 2), report.Rmse!.Value, 5);
        Assert.Equal((2 + e) / 2, report.Mae!.Value, 5);
        Assert.Equal(2, report.RatingsEvaluated);
    }

    [Fact]
    public void A_relevance_threshold_drops_low_rated_test_items()
    {
        var (train, test) = Split();

        var report = Evaluator.Evaluate(Fit(train), test, new EvaluationOptions { K = 3, RelevanceThreshold = 4 });

        // Only c (rated 5) is relevant now, and it is shown at rank 2.
        Assert.Equal(1.0, report.Recall, 6);
        Assert.Equal(0.5, report.Map, 6);
    }

    private static (InteractionLog Train, InteractionLog Test) Split()
    {
        var testPositions = new[] { 11, 12 };
        var trainPositions = Enumerable.Range(0, Log.Count).Except(testPositions).ToArray();
        return (Log.Subset(trainPositions), Log.Subset(testPositions));
    }

    private static Serving.TrainedRecommender Fit(InteractionLog train)
    {
        var popularity = AlgorithmRegistry.Get("popularity");
        return popularity.Fit(train.ToMatrix(), popularity.Schema.ResolveOrThrow(new Dictionary<string, object> { ["damping"] = 0.0 }));
    }
}
