using System.Diagnostics;
using System.Text.RegularExpressions;
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
        // Where it runs: the machine and process, not only the silo-to-silo port.
        await Expect(silo2.Locator(".where .host")).ToHaveTextAsync(Environment.MachineName);
        await Expect(silo2.Locator(".where")).ToContainTextAsync(new Regex(@"pid \d+"));
        await Expect(silo2.Locator(".usage .memory")).ToHaveTextAsync(new Regex(@"^\d+(\.\d+)? MB$"), new() { Timeout = 30_000 });
        await Expect(page.Locator("#orleans-dashboard")).ToHaveAttributeAsync("href", "/orleans/");
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

    [Fact]
    public async Task A_busy_silo_counts_the_processes_it_started_charts_its_last_readings_and_links_its_job_to_the_training()
    {
        // The API node runs in this test process: a busy child of it is to api-1 what a trainer's Python child is to a silo.
        using var burner = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"])) ?? throw new InvalidOperationException("no sh");
        await cluster.Admin.CreateModel("busy", "bpr", new { factors = 128, epochs = 10_000 });
        await cluster.Admin.Post("/api/v1/models/busy/versions", new { version = "v1" }, System.Net.HttpStatusCode.Accepted);
        try
        {
            var version = await Eventually.Until(() => cluster.Admin.Get("/api/v1/models/busy/versions/v1"),
                v => v["status"]!.GetValue<string>() == "training" && v["silo"] is not null, TimeSpan.FromSeconds(60), "busy/v1 training");
            var silo = version["silo"]!.GetValue<string>();
            foreach (var size in new[] { Screens.Desktop, Screens.Phone })
            {
                var page = await cluster.LoggedInAsync(size);
                await page.GotoAsync("/dashboard/index.html#/cluster");
                var api = page.Locator($"#silos tr[data-silo='{DashboardNode.SiloId}']");
                // The busy child counted in its children's share: 0 % when idle, up to a core (less on a shared machine).
                var aTenthOfACoreOrMore = new Regex(@"^\d{2,}(\.\d+)?$");
                await Expect(api.Locator(".usage")).ToHaveAttributeAsync("data-child-cpu", aTenthOfACoreOrMore, new() { Timeout = 30_000 });
                await Expect(api.Locator(".usage .children")).ToContainTextAsync("child process");
                await Expect(api.Locator("svg.spark polyline.cpu")).ToBeVisibleAsync();
                await Expect(api.Locator("svg.spark")).ToHaveAttributeAsync("data-points", new Regex(@"^([3-9]|\d{2,})$"), new() { Timeout = 30_000 });
                await Expect(api.Locator(".where")).ToContainTextAsync($"pid {Environment.ProcessId}");

                // The job reads as the version it trains and leads to it; its 32-hex id stays in the tooltip.
                // Other tests' jobs share the cluster (SchedulerTests' held-often trains every 20 s), so pick ours by its owner.
                var job = page.Locator($"#silos tr[data-silo='{silo}'] td.jobs .job").Filter(new() { HasText = "busy/v1" });
                await Expect(job).ToHaveCountAsync(1);
                await Expect(job.Locator("a.job-owner")).ToHaveTextAsync("busy/v1");
                await Expect(job.Locator("a.job-owner")).ToHaveAttributeAsync("href", "#/models/busy");
                await Expect(job).Not.ToContainTextAsync(new Regex("[0-9a-f]{32}"));
                await Screens.AssertFitsAsync(page, "the cluster page with a busy silo");
                if (size == Screens.Desktop) await DashboardFixture.ScreenshotAsync(page, "cluster-busy");
                await page.Context.CloseAsync();
            }

            var usage = (await cluster.Admin.Get("/api/v1/silos")).AsArray().First(s => s!["id"]!.GetValue<string>() == DashboardNode.SiloId)!["usage"]!;
            Assert.True(usage["child_cpu_percent"]!.GetValue<double>() >= 10, $"children's CPU: {usage}");
            Assert.True(usage["child_memory_bytes"]!.GetValue<long>() > 0, $"children's memory: {usage}");
        }
        finally
        {
            burner.Kill();
            await cluster.Admin.Post("/api/v1/models/busy/versions/v1/cancel", new { });
        }
    }
}
