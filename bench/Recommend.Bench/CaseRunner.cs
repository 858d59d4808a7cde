using System.Diagnostics;
using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Evaluation;
using HttmOrleans.Recommend.Serving;
using HttmOrleans.Recommend.Synthetic;

namespace HttmOrleans.Recommend.Bench;

/// <summary>Runs one algorithm on one size: generate, split, fit (timed, peak memory), evaluate, serve (latency).</summary>
internal static class CaseRunner
{
    public static CaseResult Run(SizePreset size, string algorithmName, IReadOnlyDictionary<string, object> parameters)
    {
        var algorithm = AlgorithmRegistry.Get(algorithmName);
        var resolved = algorithm.Schema.ResolveOrThrow(parameters);

        var clock = Stopwatch.StartNew();
        var data = SyntheticInteractions.Generate(size.Options(seed: 7));
        var split = DataSplit.RandomHoldout(data.ToLog(), 0.2, seed: 11);
        var train = split.Train.ToMatrix();
        var generateSeconds = clock.Elapsed.TotalSeconds;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        Memory.ResetPeak();
        var baseline = Memory.PeakMiB();
        clock.Restart();
        var steps = new StepClock(clock);
        var model = algorithm.Fit(train, resolved, steps);
        var fitSeconds = clock.Elapsed.TotalSeconds;
        var peak = Memory.PeakMiB();

        var report = Evaluator.Evaluate(model, split.Test, new EvaluationOptions { K = 10 });
        var (p50, p99, callsPerSecond) = SingleLatency(model, train.UserIds.Ids);
        var batch = BatchThroughput(model, train.UserIds.Ids);
        return new CaseResult(size.Name, algorithm.Name, train.UserCount, train.ItemCount, train.Count, generateSeconds, fitSeconds, steps.MedianSeconds, steps.Count, peak, baseline,
            report.Metrics.ToDictionary(), p50, p99, callsPerSecond, batch, resolved.ToString());
    }

    public static (double P50Ms, double P99Ms, double CallsPerSecond) SingleLatency(TrainedRecommender model, IReadOnlyList<string> userIds)
    {
        var calls = Math.Min(2_000, userIds.Count);
        for (var n = 0; n < Math.Min(200, calls); n++)
        {
            model.Recommend(userIds[n], 10);
        }

        var times = new double[calls];
        var total = Stopwatch.StartNew();
        for (var n = 0; n < calls; n++)
        {
            var start = Stopwatch.GetTimestamp();
            model.Recommend(userIds[(n * 7919) % userIds.Count], 10);
            times[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var seconds = total.Elapsed.TotalSeconds;
        Array.Sort(times);
        return (times[calls / 2], times[Math.Min(calls - 1, (int)(calls * 0.99))], calls / seconds);
    }

    public static double BatchThroughput(TrainedRecommender model, IReadOnlyList<string> userIds)
    {
        var batch = userIds.Take(20_000).ToArray();
        model.RecommendBatch(batch, 10);
        var best = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            model.RecommendBatch(batch, 10);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return batch.Length / best;
    }
}
