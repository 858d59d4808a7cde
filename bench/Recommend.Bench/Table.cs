using System.Globalization;
using System.Text;

namespace HttmOrleans.Recommend.Bench;

/// <summary>Markdown rendering of benchmark results.</summary>
internal static class Table
{
    private const string Header =
        "| size | algorithm | train interactions | fit s | s per epoch (median) | peak MiB (fit) | rmse | ndcg@10 | precision@10 | recall@10 | map@10 | coverage@10 | single p50 ms | single p99 ms | single calls/s | batch users/s |\n" +
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

    public static string Render(IEnumerable<CaseResult> results)
    {
        var text = new StringBuilder(Header);
        foreach (var result in results)
        {
            text.Append('\n').Append(Row(result));
        }

        return text.ToString();
    }

    public static string Row(CaseResult r) => string.Create(CultureInfo.InvariantCulture,
        $"| {r.Size} | {r.Algorithm} | {r.TrainInteractions:N0} | {r.FitSeconds:F3} | {Epoch(r)} | {r.PeakFitMiB:F0} | {Metric(r, "rmse")} | {Metric(r, "ndcg@10")} | {Metric(r, "precision@10")} | {Metric(r, "recall@10")} | {Metric(r, "map@10")} | {Metric(r, "coverage@10")} | {r.SingleP50Ms:F3} | {r.SingleP99Ms:F3} | {r.SingleCallsPerSecond:N0} | {r.BatchUsersPerSecond:N0} |");

    /// <summary>Median epoch (iteration for als) time, for the algorithms that train in epochs.</summary>
    private static string Epoch(CaseResult r) =>
        r.Steps > 1 && r.Algorithm is "svd" or "nmf" or "als" or "bpr" ? r.StepSecondsMedian.ToString("F3", CultureInfo.InvariantCulture) : "–";

    private static string Metric(CaseResult r, string name) =>
        r.Metrics.TryGetValue(name, out var value) ? value.ToString("F4", CultureInfo.InvariantCulture) : "–";
}
