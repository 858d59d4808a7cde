using System.Globalization;
using System.Text;

namespace HttmOrleans.Recommend.Bench;

/// <summary>Markdown rendering of the features and cold-start results.</summary>
internal static class FeatureTable
{
    private const string Header =
        "| size | algorithm | train interactions | user / item features | fit s (CPU s) | peak MiB (fit) | precision@10 warm | ndcg@10 warm | precision@10 item-cold | popularity precision@10 item-cold | known user p50 / p99 ms | new user (request features) p50 / p99 ms |\n" +
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

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
        $"| {r.Size} | {r.Algorithm} | {r.TrainInteractions:N0} | {r.UserFeatures} / {r.ItemFeatures} | {r.FitSeconds:F2} ({r.FitCpuSeconds:F1}) | {r.PeakFitMiB:F0} | {r.WarmPrecision:F4} | {r.WarmNdcg:F4} | {r.ColdPrecision:F4} | {r.PopularityColdPrecision:F4} | {r.KnownP50Ms:F3} / {r.KnownP99Ms:F3} | {r.NewUserP50Ms:F3} / {r.NewUserP99Ms:F3} |");
}
