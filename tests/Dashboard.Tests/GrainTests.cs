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
        var page = await cluster.LoggedInAsync(Screens.Desktop);
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
        await Expect(page.Locator("#grain-meta")).ToContainTextAsync(events == 1 ? "1 event recorded" : $"{events} events recorded");
        await Expect(page.Locator("#orleans-dashboard")).ToHaveAttributeAsync("href", "/orleans/");
        await DashboardFixture.ScreenshotAsync(page, "grains");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_open_grain_refreshes_its_state_and_lists_its_events_newest_first_as_the_journal_holds_them()
    {
        await cluster.Admin.CreateModel("grain-live", "popularity", new { });
        await cluster.Admin.TrainAsync("grain-live", "v1");
        await cluster.Admin.TrainAsync("grain-live", "v2");
        foreach (var (size, now, next) in new[] { (Screens.Desktop, "v1", "v2"), (Screens.Phone, "v2", "v1") })
        {
            var page = await cluster.LoggedInAsync(size);
            await page.GotoAsync("/dashboard/index.html#/grains/ModelRegistry/grain-live");
            var state = page.Locator("#grain-state");
            await Expect(state).ToContainTextAsync($"\"activeVersion\": \"{now}\"");
            await page.EvaluateAsync("window.__sameDocument = true");

            await cluster.Admin.Post("/api/v1/models/grain-live/registry/activate", new { version = next });
            // No reload, no click: the open page reads the grain again.
            await Expect(state).ToContainTextAsync($"\"activeVersion\": \"{next}\"", new() { Timeout = 15_000 });
            Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"));

            var grain = await cluster.Admin.Get("/api/v1/grains/ModelRegistry/grain-live");
            var ids = grain["events"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()).ToList();
            Assert.True(ids.Count >= 2, $"activations are events: {grain["events"]}");
            await Expect(page.Locator("#grain-meta")).ToHaveAttributeAsync("data-etag", grain["etag"]!.ToString(), new() { Timeout = 15_000 });
            await Expect(page.Locator("#grain-meta")).ToHaveAttributeAsync("data-events", ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(page.Locator("#grain-events tbody tr")).ToHaveCountAsync(ids.Count);
            await Expect(page.Locator("#grain-events tbody tr").First).ToHaveAttributeAsync("data-event", ids.Max().ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Screens.AssertFitsAsync(page, "one grain's state and events");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Grain_state_hides_the_admin_password_hash_and_salt_but_not_the_account_name()
    {
        var page = await cluster.LoggedInAsync(Screens.Desktop);
        await page.GotoAsync("/dashboard/index.html#/grains/Admin/default");
        var state = page.Locator("#grain-state");
        await Expect(state).ToContainTextAsync(ApiNode.AdminUser);
        await Expect(state).ToContainTextAsync("\"hash\": \"***\"");
        await Expect(state).ToContainTextAsync("\"salt\": \"***\"");
        await Expect(state).ToContainTextAsync(new System.Text.RegularExpressions.Regex("\"iterations\": \\d+"));
        await page.Context.CloseAsync();
    }
}
