using HttmOrleans.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace HttmOrleans.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class ClusterTests(DashboardFixture cluster)
{
    [Fact]
    public async Task Both_silos_of_a_two_silo_cluster_are_listed_with_role_capabilities_and_status()
    {
        var page = await cluster.LoggedInAsync();
        await page.Locator("#nav a[data-page=cluster]").ClickAsync();

        // The silo process may still be starting: the page refreshes itself until it has joined.
        var api = page.Locator($"#silos tr[data-silo='{DashboardNode.SiloId}']");
        var silo2 = page.Locator("#silos tr[data-silo='silo-2']");
        await Expect(silo2).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(api).ToBeVisibleAsync();
        await Expect(api).ToHaveAttributeAsync("data-status", "active");
        await Expect(silo2).ToHaveAttributeAsync("data-status", "active");
        await Expect(api.Locator("td").Nth(1)).ToHaveTextAsync("api");
        await Expect(silo2.Locator("td").Nth(1)).ToHaveTextAsync("silo");
        await Expect(silo2.Locator(".badge-cap")).ToHaveTextAsync("cpu");
        // Activations come from Orleans' management grain: a number once the silo answered it.
        await Expect(silo2.Locator("td").Nth(5)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        await DashboardFixture.ScreenshotAsync(page, "cluster");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_killed_silo_is_shown_dead_once_membership_declares_it()
    {
        var data = Path.Combine(Path.GetTempPath(), "httm-dashboard-tests", "silo-doomed-" + Guid.NewGuid().ToString("N"));
        var page = await cluster.LoggedInAsync();
        var row = page.Locator("#silos tr[data-silo='silo-doomed']");
        await using (var doomed = SiloProcess.Start(cluster.Database, "silo-doomed", "cpu,gpu", data))
        {
            await Expect(row).ToHaveAttributeAsync("data-status", "active", new() { Timeout = 60_000 });
            await Expect(row.Locator(".badge-cap")).ToHaveTextAsync(["cpu", "gpu"]);
        } // SIGKILL: no goodbye, the row is left to expire

        await Expect(row).ToHaveAttributeAsync("data-status", "dead", new() { Timeout = 30_000 });
        await Expect(row.Locator(".badge-dead")).ToHaveTextAsync("dead");
        await Expect(page.Locator("#silos tr[data-silo='silo-2']")).ToHaveAttributeAsync("data-status", "active");
        await DashboardFixture.ScreenshotAsync(page, "cluster-dead-silo");
        await page.Context.CloseAsync();
    }
}
