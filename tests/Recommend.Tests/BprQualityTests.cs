using System.Diagnostics;
using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Evaluation;
using HttmOrleans.Recommend.Serving;
using HttmOrleans.Recommend.Synthetic;
using Xunit.Abstractions;

namespace HttmOrleans.Recommend.Tests;

public sealed class BprQualityTests(ITestOutputHelper output)
{
    // Seeds of ours and the reference: one seed's NDCG moves about ±0.01 with the seed, so one pair cannot show that
    // two learners match; ten pairs can (the means' spread is about ±0.003).
    private const int Seeds = 10;

    [Theory]
    [InlineData(300, 200, 10_000)]
    [InlineData(800, 500, 30_000)]
    [InlineData(1_500, 1_000, 60_000)]
    public void Bpr_reaches_at_least_the_ndcg_of_a_textbook_single_threaded_bpr(int users, int items, int interactions)
    {
        var data = SyntheticInteractions.Generate(new SyntheticOptions { Seed = 21, Users = users, Items = items, Interactions = interactions, Rank = 6 });
        var split = DataSplit.RandomHoldout(data.ToLog(implicitFeedback: true), 0.2, seed: 4);
        var train = split.Train.ToMatrix();
        var bpr = AlgorithmRegistry.Get("bpr");
        double ours = 0, reference = 0, oursSeconds = 0, referenceSeconds = 0;
        for (var seed = 3; seed < 3 + Seeds; seed++)
        {
            // Same factors, epochs, learning rate and regularisation for ours and the reference.
            var parameters = new Dictionary<string, object> { ["factors"] = 32, ["epochs"] = 20, ["lr"] = 0.05, ["reg"] = 0.005, ["seed"] = seed };
            var clock = Stopwatch.StartNew();
            ours += Evaluator.Evaluate(bpr.Fit(train, bpr.Schema.ResolveOrThrow(parameters)), split.Test).Ndcg / Seeds;
            oursSeconds += clock.Elapsed.TotalSeconds;
            clock.Restart();
            var (u, v, b) = ReferenceBpr.Fit(train, 32, 20, 0.05f, 0.005f, seed);
            reference += Evaluator.Evaluate(new TrainedRecommender("reference", "{}", train, new FactorScorer(32, u, v, null, b, 0, predictsRatings: false)), split.Test).Ndcg / Seeds;
            referenceSeconds += clock.Elapsed.TotalSeconds;
        }

        var popularity = Evaluator.Evaluate(AlgorithmRegistry.Get("popularity").Fit(train, AlgorithmRegistry.Get("popularity").Schema.ResolveOrThrow(new Dictionary<string, object>())), split.Test).Ndcg;
        output.WriteLine($"{interactions} interactions, mean ndcg@10 over {Seeds} seeds: bpr {ours:F4} ({oursSeconds:F2} s), reference {reference:F4} ({referenceSeconds:F2} s), popularity {popularity:F4}");

        // Measured: 10k 0.3376 vs 0.3357, 30k 0.2936 vs 0.2908, 60k 0.2828 vs 0.2814. Before the cells visited every
        // entry once per epoch (draws with replacement) bpr was 1-2 % below at 30k and 60k; with fixed blocks, 11 %.
        Assert.True(ours >= reference, $"bpr {ours:F4} vs reference {reference:F4}");
    }
}
