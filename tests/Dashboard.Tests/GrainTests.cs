using HttmOrleans.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace HttmOrleans.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class GrainTests(DashboardFixture cluster)
{
    [Fact]
    public async Task A_grain_found_by_searching_its_type_opens_with_its_state_and_events()
    {
        await cluster.Admin.CreateModel("grain-view", "popularity", new { });
        await cluster.Admin.TrainAsync("grain-view", "v1");
        var page = await cluster.LoggedInAsync();
        await page.Locator("#nav a[data-page=grains]").ClickAsync();
        var versions = page.Locator("#grain-types tr[data-type=ModelVersion]");
        await Expect(versions.Locator("td").Nth(1)).Not.ToHaveTextAsync("0");
        // The version just trained is an activation somewhere in the cluster (Orleans' own count).
        await Expect(versions.Locator("td.activations")).Not.ToHaveTextAsync("0");
        await versions.Locator("a").ClickAsync();
        await page.Locator("#grain-search").FillAsync("grain-view/");
        await Expect(page.Locator("#grain-keys tbody tr")).ToHaveCountAsync(1);
        // The key holds a slash: the page must keep it one key through the URL and the API route.
        await page.Locator("#grain-keys tr[data-key='grain-view/v1'] a").ClickAsync();

        await Expect(page.Locator("section.main h3")).ToHaveTextAsync("ModelVersion / grain-view/v1");
        await Expect(page.Locator("#grain-state")).ToContainTextAsync("\"status\": \"completed\"");
        await Expect(page.Locator("#grain-events tbody tr").First).ToBeVisibleAsync();
        var events = (await cluster.Admin.Get("/api/v1/grains/ModelVersion/grain-view/v1"))["events"]!.AsArray().Count;
        await Expect(page.Locator("#grain-events tbody tr")).ToHaveCountAsync(events);
        await DashboardFixture.ScreenshotAsync(page, "grains");
        await page.Context.CloseAsync();
    }
}
