using System.Globalization;
using System.Text.Json.Nodes;
using HttmOrleans.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace HttmOrleans.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class CompareTests(DashboardFixture cluster)
{
    [Fact]
    public async Task The_metric_rules_favour_fast_and_accurate_versions_and_never_mark_ties_or_counts()
    {
        var page = await cluster.LoggedInAsync();
        var verdicts = await page.EvaluateAsync<int[]>("""
            async () => {
              const m = await import('/dashboard/js/metrics.js');
              return [
                m.bestIndex('fit_seconds', [4.2, 0.9]), m.bestIndex('final_fit_seconds', [0.3, 7]),
                m.bestIndex('rmse', [1.344, 1.313]), m.bestIndex('mae', [0.7, 0.9]), m.bestIndex('validation_loss', [2.1, 3.5]),
                m.bestIndex('ndcg@10', [0.1, 0.2]), m.bestIndex('precision@10', [0.3, 0.2]), m.bestIndex('rouge1', [0.1, 0.25]),
                m.bestIndex('coverage', [0.5, 0.6]), m.bestIndex('map@10', [0.05, 0.04]),
                m.bestIndex('train_rows', [100, 200]), m.bestIndex('users_evaluated', [30, 10]), m.bestIndex('validation_samples', [5, 6]),
                m.bestIndex('ndcg@10', [0.2, 0.2]), m.bestIndex('rmse', [1.3, 1.3, 1.4]), m.bestIndex('rouge2', [0.2]),
                m.bestIndex('something_new', [1, 2]),
              ];
            }
            """);
        Assert.Equal([1, 0, 1, 0, 0, 1, 0, 1, 1, 0, -1, -1, -1, -1, -1, -1, -1], verdicts);
        var groups = await page.EvaluateAsync<string[]>("""
            async () => {
              const m = await import('/dashboard/js/metrics.js');
              return ['fit_seconds', 'train_rows', 'users_evaluated', 'rmse', 'ndcg@10', 'rougeL'].map(n => m.describe(n).group);
            }
            """);
        Assert.Equal(["timing", "count", "count", "quality", "quality", "quality"], groups);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Comparing_two_versions_marks_each_metric_winner_by_its_direction_in_split_sections_with_one_chart_per_quality_metric()
    {
        await cluster.Admin.CreateModel("ranker", "als", new { factors = 4, iterations = 3 });
        var small = await cluster.Admin.TrainAsync("ranker", "small");
        var large = await cluster.Admin.TrainAsync("ranker", "large", new { factors = 24, iterations = 12 });
        var page = await cluster.LoggedInAsync();
        await page.SetViewportSizeAsync(1400, 1000);
        await page.GotoAsync("/dashboard/index.html#/models/ranker");

        await Expect(page.Locator("#compare")).ToBeDisabledAsync();
        await page.Locator("#versions tr[data-version=small] input.pick").CheckAsync();
        await page.Locator("#versions tr[data-version=large] input.pick").CheckAsync();
        await page.Locator("#compare").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/models/ranker/compare/small,large$"));
        var table = page.Locator("#compare-table");
        await Expect(table.Locator("thead th")).ToHaveTextAsync(["metric", "small", "large"]);
        await Expect(table.Locator("tr.section th")).ToHaveTextAsync(["Quality", "Timings", "Counts", "Version"]);
        var metrics = small["metrics"]!.AsObject().Select(m => m.Key).ToList();
        await Expect(table.Locator("tbody tr[data-metric]")).ToHaveCountAsync(metrics.Count);

        // The winner of every metric, worked out here from the API's numbers and each metric's direction.
        var lower = new[] { "rmse", "mae", "fit_seconds", "final_fit_seconds" };
        var higher = new[] { "precision@10", "recall@10", "ndcg@10", "map@10", "coverage" };
        foreach (var name in lower.Concat(higher).Where(metrics.Contains))
        {
            var a = small["metrics"]![name]!.GetValue<double>();
            var b = large["metrics"]![name]!.GetValue<double>();
            var cells = table.Locator($"tr[data-metric='{name}'] td");
            if (a == b)
            {
                await Expect(table.Locator($"tr[data-metric='{name}'] td.best")).ToHaveCountAsync(0); // a tie marks nobody
                continue;
            }
            var smallWins = lower.Contains(name) ? a < b : a > b;
            await Expect(cells.Nth(smallWins ? 0 : 1)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bbest\b"), new() { Timeout = 2000 });
            await Expect(cells.Nth(smallWins ? 1 : 0)).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bbest\b"));
        }

        // The faster fit is the one marked, never the slower one.
        var fast = small["metrics"]!["fit_seconds"]!.GetValue<double>() < large["metrics"]!["fit_seconds"]!.GetValue<double>() ? 0 : 1;
        await Expect(table.Locator("tr[data-metric='fit_seconds'] td").Nth(fast)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bbest\b"));
        await Expect(table.Locator("tr[data-metric='fit_seconds'] td").Nth(fast)).ToContainTextAsync(" s");
        foreach (var count in new[] { "train_rows", "test_rows", "users_evaluated" }.Where(metrics.Contains))
            await Expect(table.Locator($"tr[data-metric='{count}'] td.best")).ToHaveCountAsync(0);

        var ndcg = small["metrics"]!["ndcg@10"]!.GetValue<double>();
        await Expect(table.Locator("tr[data-metric='ndcg@10'] td").First).ToContainTextAsync(FormatLikeTheDashboard(ndcg));

        // One chart per quality metric, with an axis from 0 and each bar's value written beside it in readable text.
        var charts = page.Locator("#compare-charts svg.metric-chart");
        var quality = metrics.Where(m => !m.EndsWith("_seconds", StringComparison.Ordinal) && !m.EndsWith("_rows", StringComparison.Ordinal) && m is not "users_evaluated" and not "ratings_evaluated").ToList();
        await Expect(charts).ToHaveCountAsync(quality.Count);
        var ndcgChart = page.Locator("#compare-charts svg[data-metric='ndcg@10']");
        await Expect(ndcgChart.Locator("rect.bar")).ToHaveCountAsync(2);
        await Expect(ndcgChart.Locator("text.value").First).ToContainTextAsync(FormatLikeTheDashboard(ndcg));
        await Expect(ndcgChart.Locator("text.tick").First).ToHaveTextAsync("0");
        var fontSize = await ndcgChart.Locator("text.value").First.EvaluateAsync<double>("t => t.getBoundingClientRect().height");
        Assert.True(fontSize >= 11, $"value labels should be readable, are {fontSize}px tall");
        Assert.False(await page.EvaluateAsync<bool>(Overlaps), "no two chart labels may overlap");

        // Parameters as a diff: factors and iterations differ, the rest is folded away.
        var diff = page.Locator("#parameter-diff");
        await Expect(diff.Locator("tr.differs[data-parameter=factors] td")).ToHaveTextAsync(["4", "24"]);
        await Expect(diff.Locator("tr.differs[data-parameter=iterations]")).ToBeVisibleAsync();
        await Expect(diff.Locator("tr.differs")).ToHaveCountAsync(2);
        await Expect(diff.Locator("details summary")).ToContainTextAsync("identical parameters");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 1400);
        await DashboardFixture.ScreenshotAsync(page, "compare");

        await page.SetViewportSizeAsync(390, 844);
        await Expect(charts.First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>(PageFits), "the comparison should fit a 390 px phone");
        await DashboardFixture.ScreenshotAsync(page, "compare-phone");
        await page.Context.CloseAsync();
    }

    /// <summary>True when the page's content is no wider than its box (boxes that scroll on their own may be).</summary>
    public const string PageFits = "() => { const p = document.getElementById('page'); return p.scrollWidth <= p.clientWidth + 1; }";

    private const string Overlaps = """
        () => {
          const boxes = [...document.querySelectorAll('#compare-charts text')].map(t => t.getBoundingClientRect()).filter(r => r.width > 0);
          return boxes.some((a, i) => boxes.some((b, j) => j > i && a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1));
        }
        """;

    // The page shows four significant digits, as JavaScript's Number(x.toPrecision(4)) prints them.
    private static string FormatLikeTheDashboard(double value) =>
        double.Parse(value.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
}
