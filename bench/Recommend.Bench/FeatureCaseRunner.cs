using System.Diagnostics;
using System.Globalization;
using System.Text;
using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Evaluation;
using HttmOrleans.Recommend.Features;
using HttmOrleans.Recommend.Serving;
using HttmOrleans.Recommend.Synthetic;

namespace HttmOrleans.Recommend.Bench;

/// <summary>
/// The feature-model rows (issue 14): the size's synthetic set with signal and noise features for users and items,
/// fitted on a random 80/20 split (fit seconds and peak memory are this fit's; precision@10 warm) and on an item
/// cold-start split (20 % of the items lose all training interactions; precision@10 over those items only, next to
/// popularity's), then single-user latency for users never seen, ranked from request-time features.
/// </summary>
internal static class FeatureCaseRunner
{
    private const string Header =
        "| size | algorithm | train interactions | user / item features | fit s | peak MiB (fit) | precision@10 warm | ndcg@10 warm | precision@10 item-cold | popularity precision@10 item-cold | new-user p50 ms | new-user p99 ms |\n" +
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

    /// <summary>The registered algorithms that learn from features.</summary>
    public static List<string> FeatureAlgorithms() => [.. new[] { "hybrid", "ffm" }.Where(name => AlgorithmRegistry.TryGet(name, out _))];

    /// <summary>Each (size, algorithm) in its own child process, so its peak memory is its own; prints the table.</summary>
    public static void RunAll(IReadOnlyList<string> sizes, IReadOnlyList<string> algorithms, IReadOnlyList<string> parameters)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        var results = new List<FeatureCaseResult>();
        foreach (var size in sizes)
        {
            foreach (var algorithm in algorithms)
            {
                var result = RunChild(size, algorithm, parameters);
                if (result is not null)
                {
                    results.Add(result);
                    Console.WriteLine(Row(result));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(Render(results));
    }

    public static FeatureCaseResult Run(SizePreset size, string algorithmName, IReadOnlyDictionary<string, object> parameters)
    {
        var algorithm = AlgorithmRegistry.Get(algorithmName);
        var resolved = algorithm.Schema.ResolveOrThrow(parameters);
        var data = SyntheticInteractions.Generate(size.Options(seed: 7));
        var log = data.ToLog(implicitFeedback: true);
        var userSamples = data.UserFeatureSamples();
        var users = FeatureMatrix.Build(log.UserIds, userSamples, addUnknown: false).Matrix;
        var items = FeatureMatrix.Build(log.ItemIds, data.ItemFeatureSamples(), addUnknown: false).Matrix;

        var warm = DataSplit.RandomHoldout(log, 0.2, seed: 11);
        var train = warm.Train.ToMatrix().WithFeatures(users, items);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Memory.ResetPeak();
        var clock = Stopwatch.StartNew();
        var model = algorithm.Fit(train, resolved);
        var fitSeconds = clock.Elapsed.TotalSeconds;
        var peak = Memory.PeakMiB();
        var warmReport = Evaluator.Evaluate(model, warm.Test, new EvaluationOptions { K = 10 });
        var (p50, p99) = NewUserLatency(model, userSamples);
        model = null;

        var cold = DataSplit.ItemColdStart(log, 0.2, seed: 11);
        var coldTrain = cold.Train.ToMatrix().WithFeatures(users, items);
        var options = new EvaluationOptions { K = 10, CandidateItems = cold.ColdItems };
        clock.Restart();
        var coldModel = algorithm.Fit(coldTrain, resolved);
        var coldFitSeconds = clock.Elapsed.TotalSeconds;
        var coldReport = Evaluator.Evaluate(coldModel, cold.Test, options);
        var popularity = AlgorithmRegistry.Get("popularity");
        var coldPopularity = Evaluator.Evaluate(popularity.Fit(coldTrain, popularity.Schema.Defaults), cold.Test, options);

        return new FeatureCaseResult(size.Name, algorithm.Name, train.UserCount, train.ItemCount, train.Count, users.FeatureCount, items.FeatureCount,
            fitSeconds, peak, warmReport.Precision, warmReport.Ndcg, coldReport.Precision, coldPopularity.Precision, coldFitSeconds, p50, p99, resolved.ToString());
    }

    public static string Render(IEnumerable<FeatureCaseResult> results)
    {
        var text = new StringBuilder(Header);
        foreach (var result in results)
        {
            text.Append('\n').Append(Row(result));
        }

        return text.ToString();
    }

    public static string Row(FeatureCaseResult r) => string.Create(CultureInfo.InvariantCulture,
        $"| {r.Size} | {r.Algorithm} | {r.TrainInteractions:N0} | {r.UserFeatures} / {r.ItemFeatures} | {r.FitSeconds:F2} | {r.PeakFitMiB:F0} | {r.WarmPrecision:F4} | {r.WarmNdcg:F4} | {r.ColdPrecision:F4} | {r.ColdPopularityPrecision:F4} | {r.NewUserP50Ms:F3} | {r.NewUserP99Ms:F3} |");

    private static FeatureCaseResult? RunChild(string size, string algorithm, IReadOnlyList<string> parameters)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FeatureCaseRunner).Assembly.Location);
        }

        foreach (var arg in new[] { "--feature-child", size, algorithm }.Concat(parameters.SelectMany(p => new[] { "--param", p })))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            Console.WriteLine($"| {size} | {algorithm} | failed: {stderr.Result.Split('\n').FirstOrDefault(l => l.Length > 0)} |");
            return null;
        }

        return System.Text.Json.JsonSerializer.Deserialize<FeatureCaseResult>(line["RESULT ".Length..]);
    }

    // Users the model never saw, each given a generated user's features at request time (as ?user_features= would).
    private static (double P50Ms, double P99Ms) NewUserLatency(TrainedRecommender model, IReadOnlyList<Grains.Datasets.FeatureSample> samples)
    {
        var byUser = samples.GroupBy(s => s.EntityId)
            .Select(g => new RecommendOptions { UserFeatures = [.. g.Select(s => s.Feature.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], p.Length > 1 ? p[1] : "1"))] })
            .Take(2_000)
            .ToArray();
        for (var n = 0; n < Math.Min(200, byUser.Length); n++)
        {
            model.Recommend("new-user", 10, byUser[n]);
        }

        var times = new double[byUser.Length];
        for (var n = 0; n < byUser.Length; n++)
        {
            var start = Stopwatch.GetTimestamp();
            model.Recommend("new-user", 10, byUser[(n * 7919) % byUser.Length]);
            times[n] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return (times[times.Length / 2], times[Math.Min(times.Length - 1, (int)(times.Length * 0.99))]);
    }
}
