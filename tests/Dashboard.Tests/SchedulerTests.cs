using System.Net;
using System.Text.RegularExpressions;
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
        await cluster.Admin.Post("/api/v1/tasks", new { name = "nightly-retrain", model_id = "nightly", interval = 3600 }, HttpStatusCode.Created);
        await cluster.Admin.Post("/api/v1/tasks", new { name = "nightly-daily", model_id = "nightly", interval = 86400, paused = true }, HttpStatusCode.Created);
        var page = await cluster.LoggedInAsync(Screens.Desktop);
        await page.Locator("#nav a[data-page=scheduler]").ClickAsync();

        var row = page.Locator("#tasks tr[data-task=nightly-retrain]");
        await Expect(row.Locator(".schedule")).ToHaveTextAsync("every hour");
        await Expect(page.Locator("#tasks tr[data-task=nightly-daily] .schedule")).ToHaveTextAsync("every day");
        await Expect(row).ToHaveAttributeAsync("data-paused", "false");
        await Expect(row.Locator(".next-run")).ToContainTextAsync("in ");
        await Expect(page.Locator("#scheduler-status")).Not.ToContainTextAsync(new Regex(@"\b1 tasks\b"));

        await row.Locator("button.pause").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-paused", "true");
        await Expect(row.Locator(".next-run")).ToHaveTextAsync("–");
        Assert.True((await cluster.Admin.Get("/api/v1/tasks/nightly-retrain"))["paused"]!.GetValue<bool>());

        await row.Locator("button.resume").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-paused", "false");

        // The run at creation may still be going: Run now is enabled once it ended.
        await Expect(row.Locator("button.run-now")).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await row.Locator("button.run-now").ClickAsync();
        await Expect(row.Locator(".runs-grid .run-completed")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Expect(row.Locator(".last-run")).ToContainTextAsync("completed");
        await Expect(row.Locator(".last-run")).ToContainTextAsync(new Regex(@"\d+(\.\d)? s"));

        // The task's own history: both runs, newest first, each with how long it took.
        await row.Locator("button.history").ClickAsync();
        var history = page.Locator("tr[data-history-of=nightly-retrain]");
        await Expect(history.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(history.Locator("tbody tr").First).ToHaveAttributeAsync("data-run", "2");
        await Expect(history.Locator("tbody tr td.duration").First).ToHaveTextAsync(new Regex(@"^\d+(\.\d)? s$"));
        await Expect(history.Locator("tbody tr td").Nth(1)).ToHaveTextAsync(new Regex("^manual:"));
        await page.WaitForTimeoutAsync(2500); // a refresh keeps it open
        await Expect(history.Locator("tbody tr")).ToHaveCountAsync(2);
        await DashboardFixture.ScreenshotAsync(page, "scheduler");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_failing_task_shows_red_runs_a_failure_count_and_a_one_line_reason_and_does_not_hide_a_quiet_task()
    {
        // A dataset with no rows: every training of it fails.
        await cluster.Admin.Post("/api/v1/datasets", new { id = "nothing", kind = "interactions" }, HttpStatusCode.Created);
        await cluster.Admin.Post("/api/v1/models", new { id = "doomed", algorithm = "popularity", dataset_id = "nothing" }, HttpStatusCode.Created);
        await cluster.Admin.CreateModel("steady", "popularity", new { });
        await cluster.Admin.Post("/api/v1/tasks", new { name = "steady-weekly", model_id = "steady", interval = 604800 }, HttpStatusCode.Created);
        await cluster.Admin.Post("/api/v1/tasks", new { name = "doomed-often", model_id = "doomed", interval = 1200 }, HttpStatusCode.Created);
        // More failed runs than the old page's one list of 20 recent runs held.
        for (var run = 2; run <= 22; run++)
        {
            await WaitIdleAsync("doomed-often");
            await cluster.Admin.Post("/api/v1/tasks/doomed-often/run", new { }, HttpStatusCode.Accepted);
        }

        await WaitIdleAsync("doomed-often");
        await WaitIdleAsync("steady-weekly");

        foreach (var size in new[] { Screens.Desktop, Screens.Phone })
        {
            var page = await cluster.LoggedInAsync(size);
            await page.GotoAsync("/dashboard/index.html#/scheduler");
            var doomed = page.Locator("#tasks tr[data-task=doomed-often]");
            await Expect(doomed.Locator(".schedule")).ToHaveTextAsync("every 20 min");
            await Expect(doomed).ToHaveAttributeAsync("data-failed", "22");
            await Expect(doomed.Locator(".fail-count")).ToHaveTextAsync("22 failed");
            await Expect(doomed.Locator(".runs-grid .run-failed")).ToHaveCountAsync(22);
            Assert.Equal("rgb(185, 28, 28)", await doomed.Locator(".runs-grid .run-failed").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
            Assert.Equal("rgb(185, 28, 28)", await doomed.Locator(".last-run .reason").EvaluateAsync<string>("e => getComputedStyle(e).color"));
            // The reason is one line: no taller than its own line height, and inside its cell.
            var lineHeight = await doomed.Locator(".last-run .reason").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).lineHeight) || 16");
            var reason = await doomed.Locator(".last-run .reason").BoundingBoxAsync();
            Assert.True(reason!.Height <= lineHeight * 1.5, $"reason is {reason.Height} px tall");
            await Expect(doomed.Locator(".last-run .reason")).Not.ToBeEmptyAsync();
            // The whole error is one click away, and stays unfolded through the page's refresh.
            var error = (await cluster.Admin.Get("/api/v1/tasks/doomed-often/runs?limit=1"))["runs"]![0]!["error"]!.GetValue<string>();
            await doomed.Locator(".last-run details.why summary").ClickAsync();
            await Expect(doomed.Locator(".last-run details.why pre")).ToHaveTextAsync(error.Trim());
            await page.WaitForTimeoutAsync(2500);
            await Expect(doomed.Locator(".last-run details.why pre")).ToBeVisibleAsync();

            // The quiet task's run is still there, in its own row.
            var steady = page.Locator("#tasks tr[data-task=steady-weekly]");
            await Expect(steady.Locator(".schedule")).ToHaveTextAsync("every week");
            await Expect(steady.Locator(".runs-grid .run-completed")).ToHaveCountAsync(1);
            await Expect(steady.Locator(".fail-count")).ToHaveCountAsync(0);

            await doomed.Locator("button.history").ClickAsync();
            var history = page.Locator("tr[data-history-of=doomed-often]");
            await Expect(history.Locator("tbody tr.failed-run")).ToHaveCountAsync(22);
            await Expect(history).ToContainTextAsync("failing 22 times in a row");
            await Screens.AssertFitsAsync(page, "the scheduler with a failing task's history");
            if (size == Screens.Desktop) await DashboardFixture.ScreenshotAsync(page, "scheduler-failing");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Stopping_the_scheduler_asks_first_naming_the_whole_cluster_and_then_tasks_say_they_are_held()
    {
        await cluster.Admin.CreateModel("held", "popularity", new { });
        await cluster.Admin.Post("/api/v1/tasks", new { name = "held-often", model_id = "held", interval = 20 }, HttpStatusCode.Created);
        foreach (var size in new[] { Screens.Phone, Screens.Desktop })
        {
            var page = await cluster.LoggedInAsync(size);
            await page.GotoAsync("/dashboard/index.html#/scheduler");
            var row = page.Locator("#tasks tr[data-task=held-often]");
            await Expect(row.Locator(".schedule")).ToHaveTextAsync("every 20 s");
            try
            {
                await page.Locator("#scheduler-stop").ClickAsync();
                await Expect(page.Locator("#confirm-text")).ToContainTextAsync("for the whole cluster");
                await Expect(page.Locator("#confirm-text")).ToContainTextAsync("on any silo");
                await Expect(page.Locator("#confirm-yes")).ToHaveTextAsync("Stop scheduler");
                await Expect(page.Locator("#confirm-no")).ToHaveTextAsync("Keep it running");
                var dialog = await page.Locator("#confirm").BoundingBoxAsync();
                Assert.True(dialog!.X >= 0 && dialog.X + dialog.Width <= size.Width, $"the confirmation fits the screen: {dialog.X}+{dialog.Width}");
                await page.Locator("#confirm-no").ClickAsync();
                await Expect(page.Locator("#confirm")).ToBeHiddenAsync();
                Assert.True((await cluster.Admin.Get("/api/v1/scheduler"))["running"]!.GetValue<bool>());

                await page.Locator("#scheduler-stop").ClickAsync();
                await page.Locator("#confirm-yes").ClickAsync();
                await Expect(page.Locator("#scheduler-status")).ToHaveAttributeAsync("data-status", "stopped");
                Assert.False((await cluster.Admin.Get("/api/v1/scheduler"))["running"]!.GetValue<bool>());
                await Expect(row).ToHaveAttributeAsync("data-state", "scheduler_stopped", new() { Timeout = 60_000 });
                await Expect(row.Locator(".state")).ToHaveTextAsync("held: scheduler stopped");
                await Expect(row.Locator(".next-run")).ToHaveTextAsync("none while the scheduler is stopped");
                await Expect(page.Locator("#scheduler-status")).ToContainTextAsync("no task runs on schedule");
                Assert.Equal("scheduler_stopped", (await cluster.Admin.Get("/api/v1/tasks/held-often/runs"))["state"]!.GetValue<string>());
                if (size == Screens.Desktop) await DashboardFixture.ScreenshotAsync(page, "scheduler-stopped");

                await page.Locator("#scheduler-start").ClickAsync();
                await Expect(page.Locator("#scheduler-status")).ToHaveAttributeAsync("data-status", "running");
                await Expect(row).Not.ToHaveAttributeAsync("data-state", "scheduler_stopped");
            }
            finally
            {
                // The cluster is shared by every test: never leave it stopped.
                await cluster.Admin.Post("/api/v1/scheduler/start", new { });
            }

            await page.Context.CloseAsync();
        }
    }

    private Task WaitIdleAsync(string task) =>
        Eventually.Until(() => cluster.Admin.Get($"/api/v1/tasks/{task}"), t => t["current"] is null, TimeSpan.FromSeconds(60), $"task {task} idle");
}
