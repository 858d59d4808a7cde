using HttmOrleans.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace HttmOrleans.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class SchedulerTests(DashboardFixture cluster)
{
    [Fact]
    public async Task A_task_is_paused_resumed_and_run_now_from_the_scheduler_page()
    {
        await cluster.Admin.CreateModel("nightly", "popularity", new { });
        await cluster.Admin.Post("/api/v1/tasks", new { name = "nightly-retrain", model_id = "nightly", interval = 3600 }, System.Net.HttpStatusCode.Created);
        var page = await cluster.LoggedInAsync();
        await page.Locator("#nav a[data-page=scheduler]").ClickAsync();

        var row = page.Locator("#tasks tr[data-task=nightly-retrain]");
        await Expect(row).ToContainTextAsync("every 3600s");
        await Expect(row).ToHaveAttributeAsync("data-paused", "false");
        await Expect(row.Locator(".next-run")).ToContainTextAsync("in ");

        await row.Locator("button.pause").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-paused", "true");
        await Expect(row.Locator(".next-run")).ToHaveTextAsync("–");
        Assert.True((await cluster.Admin.Get("/api/v1/tasks/nightly-retrain"))["paused"]!.GetValue<bool>());

        await row.Locator("button.resume").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-paused", "false");

        await row.Locator("button.run-now").ClickAsync();
        await Expect(row.Locator("td").Nth(4)).ToContainTextAsync("completed", new() { Timeout = 60_000 });
        await Expect(page.Locator("text=Recent runs")).ToBeVisibleAsync();
        await DashboardFixture.ScreenshotAsync(page, "scheduler");
        await page.Context.CloseAsync();
    }
}
