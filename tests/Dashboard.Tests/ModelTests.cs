using HttmOrleans.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace HttmOrleans.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class ModelTests(DashboardFixture cluster)
{
    [Fact]
    public async Task Activating_another_version_moves_the_active_mark_and_rollback_moves_it_back()
    {
        await cluster.Admin.CreateModel("shop", "als", new { factors = 8, iterations = 5 });
        await cluster.Admin.TrainAsync("shop", "v1");
        await cluster.Admin.TrainAsync("shop", "v2", new { factors = 16 });
        var page = await cluster.LoggedInAsync();
        await page.GotoAsync("/dashboard/index.html#/models/shop");

        var v1 = page.Locator("#versions tr[data-version=v1]");
        var v2 = page.Locator("#versions tr[data-version=v2]");
        await Expect(v1.Locator(".active-mark")).ToBeVisibleAsync(); // the first completed version activated itself
        await Expect(v2.Locator(".active-mark")).ToHaveCountAsync(0);
        await Expect(page.Locator("#active-version")).ToHaveTextAsync("v1");
        await Expect(v1.Locator("button.activate")).ToHaveCountAsync(0);

        // Dismissing the confirmation changes nothing.
        await v2.Locator("button.activate").ClickAsync();
        await Expect(page.Locator("#confirm-text")).ToContainTextAsync("Activate shop v2");
        await page.Locator("#confirm-no").ClickAsync();
        await Expect(page.Locator("#confirm")).ToBeHiddenAsync();
        Assert.Equal("v1", (await cluster.Admin.Get("/api/v1/models/shop/registry"))["active_version"]!.GetValue<string>());

        await v2.Locator("button.activate").ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();
        await Expect(v2.Locator(".active-mark")).ToBeVisibleAsync();
        await Expect(v1.Locator(".active-mark")).ToHaveCountAsync(0);
        await Expect(page.Locator("#active-version")).ToHaveTextAsync("v2");
        await Expect(page.Locator("#flash")).ToHaveTextAsync("Activated v2");
        Assert.Equal("v2", (await cluster.Admin.Get("/api/v1/models/shop/registry"))["active_version"]!.GetValue<string>());

        await v1.Locator("button.details").ClickAsync();
        await Expect(page.Locator("#versions tr.details-row")).ToContainTextAsync("\"factors\": 8");
        await Expect(page.Locator("#versions tr.details-row")).ToContainTextAsync(DashboardFixture.Dataset);
        await DashboardFixture.ScreenshotAsync(page, "models");

        await page.Locator("#rollback").ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();
        await Expect(page.Locator("#active-version")).ToHaveTextAsync("v1");
        await Expect(v1.Locator(".active-mark")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_versions_compare_side_by_side_in_a_table_and_a_bar_chart()
    {
        await cluster.Admin.CreateModel("ranker", "als", new { factors = 4, iterations = 5 });
        var small = await cluster.Admin.TrainAsync("ranker", "small");
        await cluster.Admin.TrainAsync("ranker", "large", new { factors = 24 });
        var page = await cluster.LoggedInAsync();
        await page.GotoAsync("/dashboard/index.html#/models/ranker");

        await Expect(page.Locator("#compare")).ToBeDisabledAsync();
        await page.Locator("#versions tr[data-version=small] input.pick").CheckAsync();
        await page.Locator("#versions tr[data-version=large] input.pick").CheckAsync();
        await page.Locator("#compare").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/models/ranker/compare/small,large$"));
        var table = page.Locator("#compare-table");
        await Expect(table).ToBeVisibleAsync();
        await Expect(table.Locator("thead th")).ToHaveTextAsync(["metric", "small", "large"]);
        var metrics = small["metrics"]!.AsObject().Select(m => m.Key).ToList();
        Assert.NotEmpty(metrics);
        await Expect(table.Locator("tbody tr[data-metric]")).ToHaveCountAsync(metrics.Count);
        var ndcg = small["metrics"]!["ndcg@10"]!.GetValue<double>();
        await Expect(table.Locator("tr[data-metric='ndcg@10'] td").First).ToHaveTextAsync(FormatLikeTheDashboard(ndcg));
        await Expect(page.Locator("#compare-chart")).ToBeVisibleAsync();
        await Expect(page.Locator("#compare-chart rect.bar")).ToHaveCountAsync(metrics.Count * 2);
        await DashboardFixture.ScreenshotAsync(page, "compare");
        await page.Context.CloseAsync();
    }

    // The page shows four significant digits, as JavaScript's Number(x.toPrecision(4)) prints them.
    private static string FormatLikeTheDashboard(double value) =>
        double.Parse(value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)
            .ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
