using System.Diagnostics;
using System.Globalization;
using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Evaluation;
using HttmOrleans.Recommend.Serving;
using HttmOrleans.Recommend.Synthetic;

namespace HttmOrleans.Recommend.Bench;

/// <summary>The reference points (Surprise, implicit) reproduced on synthetic data of the same sizes.</summary>
internal static class TargetRunner
{
    private const int Repeats = 5;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static void Run()
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        var ml100k = SyntheticInteractions.Generate(SizePreset.Parse("100k").Options(seed: 7));
        var split = DataSplit.RandomHoldout(ml100k.ToLog(), 0.2, seed: 11);
        var train = split.Train.ToMatrix();
        Console.WriteLine(Invariant($"ml-100k shape: {train.UserCount} users, {train.ItemCount} items, {train.Count} training ratings, noise floor {ml100k.NoiseStd}"));

        var svd = Fit("svd", train, new() { ["factors"] = 100, ["epochs"] = 20 }, "target ≤ 0.05 s (Surprise 0.87 s)");
        Report(svd, split.Test);
        var nmf = Fit("nmf", train, [], "target ≤ 0.2 s (Surprise 0.92 s)");
        Report(nmf, split.Test);

        foreach (var (size, reference) in new[] { ("44k", "0.17 s"), ("223k", "0.48 s") })
        {
            var data = SyntheticInteractions.Generate(SizePreset.Parse(size).Options(seed: 7));
            var matrix = data.ToLog(implicitFeedback: true).ToMatrix();
            Console.WriteLine(Invariant($"{size}: {matrix.UserCount} users, {matrix.ItemCount} items, {matrix.Count} interactions"));
            Fit("als", matrix, new() { ["factors"] = 64, ["iterations"] = 15 }, $"target ≤ implicit's {reference}");
        }

        var implicitTrain = split.Train.ToMatrix();
        var als = AlgorithmRegistry.Get("als").Fit(implicitTrain, AlgorithmRegistry.Get("als").Schema.ResolveOrThrow(new Dictionary<string, object> { ["factors"] = 64 }));
        Report(als, split.Test);
        Batch(als, train.UserIds.Ids.Take(942).ToArray());
        Batch(svd, train.UserIds.Ids.Take(942).ToArray());
        var (p50, p99, calls) = CaseRunner.SingleLatency(als, train.UserIds.Ids);
        Console.WriteLine(Invariant($"als single-user recommend top-10: p50 {p50 * 1000:F1} µs, p99 {p99 * 1000:F1} µs, {calls:N0} calls/s on one thread"));
    }

    private static TrainedRecommender Fit(string name, InteractionMatrix data, Dictionary<string, object> parameters, string target)
    {
        var algorithm = AlgorithmRegistry.Get(name);
        var resolved = algorithm.Schema.ResolveOrThrow(parameters);
        // Steady state, as the Python references are: .NET optimises hot methods in tiers (with profiling in
        // between) during a process's first seconds, and the first fits of a fresh process are up to 2× slower.
        var model = algorithm.Fit(data, resolved);
        var warmUp = Stopwatch.StartNew();
        for (var n = 1; n < 3 || warmUp.Elapsed < WarmUp; n++)
        {
            model = algorithm.Fit(data, resolved);
        }

        var times = new double[Repeats];
        for (var n = 0; n < Repeats; n++)
        {
            var clock = Stopwatch.StartNew();
            model = algorithm.Fit(data, resolved);
            times[n] = clock.Elapsed.TotalSeconds;
        }

        Array.Sort(times);
        Console.WriteLine(Invariant($"{name} fit ({resolved}): median {times[Repeats / 2]:F3} s, min {times[0]:F3} s over {Repeats} fits after {WarmUp.TotalSeconds:F0} s of warm-up fits; {target}"));
        return model;
    }

    private static void Report(TrainedRecommender model, InteractionLog test)
    {
        var metrics = Evaluator.Evaluate(model, test).Metrics;
        Console.WriteLine("  " + string.Join(", ", metrics.Select(kv => Invariant($"{kv.Key} {kv.Value:F4}"))));
    }

    private static void Batch(TrainedRecommender model, string[] users)
    {
        model.RecommendBatch(users, 10);
        var times = new double[20];
        for (var n = 0; n < times.Length; n++)
        {
            var clock = Stopwatch.StartNew();
            model.RecommendBatch(users, 10);
            times[n] = clock.Elapsed.TotalSeconds;
        }

        Array.Sort(times);
        var median = times[times.Length / 2];
        Console.WriteLine(Invariant($"{model.Algorithm} batch top-10 for {users.Length} users over {model.ItemCount} items: median {median * 1000:F2} ms = {users.Length / median:N0} users/s (target ≥ 25 000; implicit 0.043 s)"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
