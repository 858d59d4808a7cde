using System.Diagnostics;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Evaluation;
using HttmOrleans.Recommend.Features;
using HttmOrleans.Recommend.Serving;
using HttmOrleans.Recommend.Synthetic;

namespace HttmOrleans.Recommend.Bench;

/// <summary>
/// One feature-aware algorithm on one size with the generator's signal and noise features: fit on the warm split
/// (timed, peak memory), precision on it, a second fit on an item cold-start split ranked over the cold items only,
/// and single-user latency for known users and for new users ranked from request-time features.
/// </summary>
internal static class FeatureCaseRunner
{
    public static FeatureCaseResult Run(SizePreset size, string algorithmName, IReadOnlyDictionary<string, object> parameters)
    {
        var algorithm = AlgorithmRegistry.Get(algorithmName);
        var resolved = algorithm.Schema.ResolveOrThrow(parameters);
        var data = SyntheticInteractions.Generate(size.Options(seed: 7));
        var (users, items) = (data.UserFeatureSamples(), data.ItemFeatureSamples());
        var log = data.ToLog();
        var warm = DataSplit.RandomHoldout(log, 0.2, seed: 11);
        var train = WithFeatures(warm.Train.ToMatrix(), users, items);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        Memory.ResetPeak();
        var baseline = Memory.PeakMiB();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var model = algorithm.Fit(train, resolved);
        var fitSeconds = clock.Elapsed.TotalSeconds;
        var fitCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var peak = Memory.PeakMiB();
        var warmReport = Evaluator.Evaluate(model, warm.Test, new EvaluationOptions { K = 10 });

        var cold = DataSplit.ItemColdStart(log, 0.2, seed: 13);
        var coldTrain = WithFeatures(cold.Train.ToMatrix(), users, items);
        clock.Restart();
        var coldModel = algorithm.Fit(coldTrain, resolved);
        var coldFitSeconds = clock.Elapsed.TotalSeconds;
        var candidates = new EvaluationOptions { K = 10, CandidateItems = cold.ColdItems };
        var coldReport = Evaluator.Evaluate(coldModel, cold.Test, candidates);
        var popularity = AlgorithmRegistry.Get("popularity");
        var popularityCold = Evaluator.Evaluate(popularity.Fit(coldTrain, popularity.Schema.ResolveOrThrow(new Dictionary<string, object>())), cold.Test, candidates);

        var (knownP50, knownP99, _) = CaseRunner.SingleLatency(model, train.UserIds.Ids);
        var (newP50, newP99, fromFeatures) = NewUserLatency(model, users);
        return new FeatureCaseResult(size.Name, algorithm.Name, train.Count, train.UserFeatures!.FeatureCount, train.ItemFeatures!.FeatureCount,
            fitSeconds, fitCpuSeconds, peak, baseline, coldFitSeconds, warmReport.Precision, warmReport.Ndcg, coldReport.Precision, coldReport.Ndcg, popularityCold.Precision,
            knownP50, knownP99, newP50, newP99, fromFeatures, resolved.ToString());
    }

    private static InteractionMatrix WithFeatures(InteractionMatrix train, FeatureSample[] users, FeatureSample[] items) =>
        train.WithFeatures(FeatureMatrix.Build(train.UserIds, users, addUnknown: false).Matrix, FeatureMatrix.Build(train.ItemIds, items, addUnknown: false).Matrix);

    // Each call is a user the model never saw, with the features of a generated user, given as name=value pairs.
    private static (double P50Ms, double P99Ms, double FromFeatures) NewUserLatency(TrainedRecommender model, FeatureSample[] samples)
    {
        var requests = samples.GroupBy(s => s.EntityId).Take(2_000).Select(g => new RecommendOptions
        {
            UserFeatures = [.. g.Select(s => new KeyValuePair<string, string>(s.Feature[..s.Feature.IndexOf('=', StringComparison.Ordinal)], s.Feature[(s.Feature.IndexOf('=', StringComparison.Ordinal) + 1)..]))],
        }).ToArray();
        for (var n = 0; n < Math.Min(200, requests.Length); n++)
        {
            model.Recommend("new", 10, requests[n]);
        }

        var times = new double[requests.Length];
        var fromFeatures = 0;
        for (var n = 0; n < requests.Length; n++)
        {
            var start = Stopwatch.GetTimestamp();
            var result = model.Recommend("new-user", 10, requests[n]);
            times[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            fromFeatures += result.FromRequestFeatures ? 1 : 0;
        }

        Array.Sort(times);
        return (times[times.Length / 2], times[Math.Min(times.Length - 1, (int)(times.Length * 0.99))], (double)fromFeatures / requests.Length);
    }
}
