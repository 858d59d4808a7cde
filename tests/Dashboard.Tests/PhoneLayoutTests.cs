using HttmOrleans.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace HttmOrleans.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class PhoneLayoutTests(DashboardFixture cluster)
{
    /// <summary>Every page of the dashboard, with something on it that says its data arrived.</summary>
    private static readonly (string Route, string Ready)[] Pages =
    [
        ("#/cluster", "#silos tbody tr"),
        ("#/grains", "#grain-types tbody tr"),
        ("#/grains/ModelVersion", "#grain-keys tbody tr"),
        ("#/grains/ModelVersion/layout/v1", "#grain-state"),
        ("#/scheduler", "#tasks tr[data-task=layout-nightly]"),
        ("#/training", ".page-training h2"),
        ("#/models", ".page-models h2"),
        ("#/models/layout", "#versions tbody tr"),
        ("#/models/layout/compare/v1,v2", "#compare-table"),
    ];

    [Fact]
    public async Task Every_page_fits_a_390_px_phone_with_the_navigation_wrapped_readable_and_the_sidebar_stacked()
    {
        await SeedAsync();
        var login = await cluster.OpenAsync(Screens.Phone);
        await Expect(login.Locator("#login-form")).ToBeVisibleAsync();
        await Screens.AssertFitsAsync(login, "the login form");
        await login.Context.CloseAsync();

        var page = await cluster.LoggedInAsync(Screens.Phone);
        var missing = new List<string>();
        page.Response += (_, r) => { if (r.Status == 404) missing.Add(r.Url); };
        foreach (var (route, ready) in Pages)
        {
            await page.GotoAsync("/dashboard/index.html" + route);
            await Expect(page.Locator(ready).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.WaitForTimeoutAsync(300); // the refresh after the first paint
            await Screens.AssertFitsAsync(page, route);
            await Screens.AssertNavigationReadableAsync(page, route);
        }

        // The navigation takes more than one line instead of running off the screen.
        var nav = await page.Locator("#nav").BoundingBoxAsync();
        var logout = await page.Locator("#logout").BoundingBoxAsync();
        Assert.True(logout!.Y > nav!.Y, "on a phone the bar wraps: Log out goes below the links");

        // The grain-type sidebar sits above the keys, not beside them.
        await page.GotoAsync("/dashboard/index.html#/grains/ModelVersion");
        await Expect(page.Locator("#grain-keys tbody tr").First).ToBeVisibleAsync();
        var side = await page.Locator("aside.side").BoundingBoxAsync();
        var main = await page.Locator("section.main").BoundingBoxAsync();
        Assert.True(main!.Y >= side!.Y + side.Height - 1, $"sidebar at y={side.Y}+{side.Height}, keys at y={main.Y}");
        Assert.True(main.Width > 300, $"the keys take the screen's width, not a column: {main.Width} px");

        await page.GotoAsync("/dashboard/index.html#/scheduler");
        await Expect(page.Locator("#tasks tr[data-task=layout-nightly] .runs-grid .run").First).ToBeVisibleAsync();
        await DashboardFixture.ScreenshotAsync(page, "phone-scheduler");
        await page.GotoAsync("/dashboard/index.html#/cluster");
        await Expect(page.Locator("#silos tbody tr").First).ToBeVisibleAsync();
        await DashboardFixture.ScreenshotAsync(page, "phone-cluster");
        Assert.Empty(missing);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_page_fits_1400_px_with_a_readable_navigation_and_no_missing_icon()
    {
        await SeedAsync();
        var page = await cluster.LoggedInAsync(Screens.Desktop);
        var missing = new List<string>();
        page.Response += (_, r) => { if (r.Status == 404) missing.Add(r.Url); };
        foreach (var (route, ready) in Pages)
        {
            await page.GotoAsync("/dashboard/index.html" + route);
            await Expect(page.Locator(ready).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Screens.AssertNavigationReadableAsync(page, route);
            await Screens.AssertFitsAsync(page, route);
        }

        // One row of navigation on a desktop: links and Log out share the bar's line.
        var nav = await page.Locator("#nav").BoundingBoxAsync();
        var logout = await page.Locator("#logout").BoundingBoxAsync();
        Assert.True(Math.Abs(logout!.Y + logout.Height / 2 - (nav!.Y + nav.Height / 2)) < 8, "Log out sits on the navigation's line");
        var icon = await page.APIRequest.GetAsync("/favicon.ico");
        Assert.Equal(200, icon.Status);
        Assert.Equal("image/x-icon", icon.Headers["content-type"]);
        Assert.Equal([0, 0, 1, 0], (await icon.BodyAsync())[..4]); // an ICO header, not an HTML error page
        Assert.Equal("icon", await page.Locator("link[rel=icon]").GetAttributeAsync("rel"));
        Assert.Empty(missing);
        await page.Context.CloseAsync();
    }

    private async Task SeedAsync()
    {
        // Idempotent: both tests seed the same model and task; the second finds them.
        if ((await cluster.Admin.GetAsync("/api/v1/models/layout")).IsSuccessStatusCode) return;
        await cluster.Admin.CreateModel("layout", "popularity", new { });
        await cluster.Admin.TrainAsync("layout", "v1");
        await cluster.Admin.TrainAsync("layout", "v2");
        await cluster.Admin.Post("/api/v1/tasks", new { name = "layout-nightly", model_id = "layout", interval = 86400 }, System.Net.HttpStatusCode.Created);
    }
}
