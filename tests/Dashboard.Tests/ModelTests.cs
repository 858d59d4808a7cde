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
        var headers = await page.Locator("#versions thead th").AllTextContentsAsync();
        Assert.Equal(headers.Where(t => t.Length > 0).Distinct(), headers.Where(t => t.Length > 0)); // each metric once, whatever the number of versions
        Assert.Contains("ndcg@10", headers);

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
    public async Task The_models_page_shows_headline_metrics_first_and_fits_1400_pixels_and_a_phone()
    {
        await cluster.Admin.CreateModel("wide", "als", new { factors = 4, iterations = 3 });
        var done = await cluster.Admin.TrainAsync("wide", "v1");
        var page = await cluster.LoggedInAsync();
        await page.SetViewportSizeAsync(1400, 1000);
        await page.GotoAsync("/dashboard/index.html#/models/wide");

        var headers = page.Locator("#versions thead th");
        await Expect(headers).ToHaveTextAsync(["", "version", "status", "created", "duration", "ndcg@10", "precision@10", "recall@10", "map@10", ""]);
        var ndcg = done["metrics"]!["ndcg@10"]!.GetValue<double>();
        await Expect(page.Locator("#versions tr[data-version=v1] td[data-metric='ndcg@10']")).Not.ToHaveTextAsync("–");
        Assert.True(ndcg >= 0);
        Assert.Equal("table-cell", await page.Locator("#versions tr[data-version=v1] td").Last.EvaluateAsync<string>("td => getComputedStyle(td).display"));
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 1400, "the Models page should fit 1400 px");

        // The rest lives under Details, split into quality, timings and counts.
        await page.Locator("#versions tr[data-version=v1] button.details").ClickAsync();
        var details = page.Locator("#versions tr.details-row");
        await Expect(details.Locator(".metric-group h5")).ToHaveTextAsync(["Quality", "Timings", "Counts"]);
        await Expect(details.Locator(".metric-group[data-group=count] dd[data-metric=train_rows]")).ToHaveTextAsync(
            done["metrics"]!["train_rows"]!.GetValue<double>().ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(details.Locator(".metric-group[data-group=timing] dd[data-metric=fit_seconds]")).ToContainTextAsync(" s");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 1400, "open details should still fit 1400 px");

        await page.SetViewportSizeAsync(390, 844);
        await Expect(details).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>(CompareTests.PageFits), "the Models page should fit a 390 px phone; wide tables scroll in their own box");
        Assert.Equal("auto", await page.Locator("#versions-box").EvaluateAsync<string>("b => getComputedStyle(b).overflowX"));
        await DashboardFixture.ScreenshotAsync(page, "models-phone");
        await page.Context.CloseAsync();
    }
}
