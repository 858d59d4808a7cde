using HttmOrleans.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace HttmOrleans.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class TrainingTests(DashboardFixture cluster)
{
    // Records every value the version's bar takes, as the browser renders it, so no intermediate state is missed.
    private const string WatchBar = """
        key => {
          window.__seen = [];
          new MutationObserver(records => {
            for (const r of records) {
              const bar = r.target;
              if (bar.matches('progress.bar') && bar.closest('article')?.dataset.version === key) window.__seen.push(Number(bar.getAttribute('value')));
            }
          }).observe(document.getElementById('page'), { subtree: true, attributes: true, attributeFilter: ['value'] });
          window.__sameDocument = key;
        }
        """;

    [Fact]
    public async Task A_training_progress_bar_moves_to_completion_without_reloading_the_page()
    {
        await cluster.Admin.CreateModel("live", "bpr", new { factors = 32, epochs = 1500 });
        var page = await cluster.LoggedInAsync();
        await page.Locator("#nav a[data-page=training]").ClickAsync();
        await Expect(page.Locator("h2")).ToHaveTextAsync("Training");
        var url = page.Url;
        await page.EvaluateAsync(WatchBar, "live/v1");

        // Started by another client: the open page discovers it and follows its event stream.
        await cluster.Admin.Post("/api/v1/models/live/versions", new { version = "v1" }, System.Net.HttpStatusCode.Accepted);
        var card = page.Locator("article[data-version='live/v1']");
        await Expect(card).ToHaveAttributeAsync("data-status", "training", new() { Timeout = 30_000 });
        await Expect(card.Locator(".message")).Not.ToBeEmptyAsync();
        await DashboardFixture.ScreenshotAsync(page, "training");
        await Expect(card).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 90_000 });
        await Expect(card.Locator("progress.bar")).ToHaveAttributeAsync("value", "100");
        await Expect(card.Locator(".percent")).ToHaveTextAsync("100%");
        await Expect(card.Locator("dd[data-figure=silo]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(api-1|silo-2)$"));
        await Expect(card.Locator("button.cancel")).ToBeHiddenAsync();

        var seen = await page.EvaluateAsync<double[]>("window.__seen");
        Assert.True(seen.Count(v => v is > 0 and < 100) >= 2, $"the bar should pass through intermediate values: {string.Join(", ", seen)}");
        Assert.Equal(seen.Order(), seen); // never goes backwards
        Assert.Equal(100, seen[^1]);
        Assert.Equal("live/v1", await page.EvaluateAsync<string>("window.__sameDocument")); // no reload
        Assert.Equal(url, page.Url); // no navigation
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_training_page_reads_every_training_in_one_request_per_refresh_whatever_the_number_of_models()
    {
        foreach (var id in new[] { "quiet-1", "quiet-2", "quiet-3" }) await cluster.Admin.CreateModel(id, "als", new { factors = 4, iterations = 2 });
        await cluster.Admin.TrainAsync("quiet-1", "v1");
        var page = await cluster.LoggedInAsync();
        await page.GotoAsync("/dashboard/index.html#/training");
        await Expect(page.Locator("article[data-version='quiet-1/v1']")).ToHaveAttributeAsync("data-status", "completed");
        var asked = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) => asked.Enqueue(new Uri(request.Url).PathAndQuery);
        await Task.Delay(5000);
        var api = asked.Where(p => p.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.All(api, p => Assert.StartsWith("/api/v1/trainings", p));
        Assert.InRange(api.Count, 2, 3); // every 2 s, one request
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Cancelling_a_running_training_shows_it_stopped()
    {
        await cluster.Admin.CreateModel("too-big", "bpr", new { factors = 128, epochs = 10_000 });
        await cluster.Admin.Post("/api/v1/models/too-big/versions", new { version = "v1" }, System.Net.HttpStatusCode.Accepted);
        var page = await cluster.LoggedInAsync();
        await page.GotoAsync("/dashboard/index.html#/training");
        var card = page.Locator("article[data-version='too-big/v1']");
        await Expect(card).ToHaveAttributeAsync("data-status", "training", new() { Timeout = 30_000 });

        // The cluster page lists the job under the silo that holds it.
        var silo = (await cluster.Admin.Get("/api/v1/models/too-big/versions/v1"))["silo"]!.GetValue<string>();
        await page.Locator("#nav a[data-page=cluster]").ClickAsync();
        await Expect(page.Locator($"#silos tr[data-silo='{silo}'] td.jobs")).ToContainTextAsync("too-big/v1");
        await page.Locator("#nav a[data-page=training]").ClickAsync();

        // The dialog's buttons say what they do; keeping it changes nothing.
        await card.Locator("button.cancel").ClickAsync();
        await Expect(page.Locator("#confirm-text")).ToContainTextAsync("too-big/v1");
        await Expect(page.Locator("#confirm-no")).ToHaveTextAsync("Keep training");
        await Expect(page.Locator("#confirm-yes")).ToHaveTextAsync("Stop training");
        await page.Locator("#confirm-no").ClickAsync();
        await Expect(page.Locator("#confirm")).ToBeHiddenAsync();
        Assert.NotEqual("stopped", (await cluster.Admin.Get("/api/v1/models/too-big/versions/v1"))["status"]!.GetValue<string>());
        await card.Locator("button.cancel").ClickAsync();
        await page.Locator("#confirm-yes").ClickAsync();

        await Expect(card).ToHaveAttributeAsync("data-status", "stopped", new() { Timeout = 30_000 });
        await Expect(card.Locator(".badge")).ToHaveTextAsync("stopped");
        await Expect(card.Locator("button.cancel")).ToBeHiddenAsync();
        var version = await cluster.Admin.Get("/api/v1/models/too-big/versions/v1");
        Assert.Equal("stopped", version["status"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }
}
