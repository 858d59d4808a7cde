using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HttmOrleans.Dashboard.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace HttmOrleans.Dashboard.Tests;

/// <summary>Summarizers on the dashboard: a real seq2seq trainer process, the lead-k baseline, and a training that fails in Python.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SummarizerTests(DashboardFixture cluster)
{
    private static readonly JsonObject Tiny = new()
    {
        ["max_steps"] = 24, ["batch_size"] = 8, ["vocab_size"] = 300, ["d_model"] = 32, ["num_heads"] = 2, ["num_layers"] = 1,
        ["dim_feedforward"] = 64, ["max_source_length"] = 48, ["max_target_length"] = 12, ["max_validation_samples"] = 6, ["warmup_steps"] = 1,
    };

    [Fact]
    public async Task A_failed_training_shows_a_one_line_reason_that_fits_its_card_and_the_traceback_behind_a_toggle()
    {
        await ImportNewsAsync("news-broken");
        // An existing but empty checkpoint folder passes the API's checks and fails inside the Python trainer.
        var empty = Directory.CreateTempSubdirectory("httm-empty-checkpoint-").FullName;
        await cluster.Admin.Post("/api/v1/models", new { id = "broken", algorithm = "seq2seq", dataset_id = "news-broken", hyperparameters = Tiny }, HttpStatusCode.Created);
        await cluster.Admin.Post("/api/v1/models/broken/versions", new { version = "v1", hyperparameters = new { backbone = "hf", checkpoint_path = empty } }, HttpStatusCode.Accepted);
        var failed = await Eventually.Until(() => cluster.Admin.Get("/api/v1/models/broken/versions/v1"),
            v => v["status"]!.GetValue<string>() is "failed" or "completed", TimeSpan.FromSeconds(120), "broken/v1 to fail");
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        var error = failed["error"]!.GetValue<string>();
        Assert.Contains('\n', error);

        var page = await cluster.LoggedInAsync();
        await page.SetViewportSizeAsync(1400, 1000);
        await page.GotoAsync("/dashboard/index.html#/training");
        var card = page.Locator("article[data-version='broken/v1']");
        await Expect(card).ToHaveAttributeAsync("data-status", "failed");
        var reason = card.Locator(".failure-reason");
        await Expect(reason).ToContainTextAsync(error.Split('\n')[0].Trim());
        Assert.DoesNotContain('\n', await reason.TextContentAsync() ?? "");
        Assert.True(await reason.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the reason should fit its card");
        Assert.True(await card.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "nothing should overflow the card");
        Assert.Equal("rgb(185, 28, 28)", await card.Locator("progress.bar").EvaluateAsync<string>("b => getComputedStyle(b).accentColor"));
        await Expect(card.Locator(".badge")).ToHaveTextAsync("failed");

        var traceback = card.Locator("pre.traceback-text");
        await Expect(traceback).ToBeHiddenAsync();
        await card.Locator("details.traceback summary").ClickAsync();
        await Expect(traceback).ToBeVisibleAsync();
        Assert.Equal(error, await traceback.TextContentAsync());
        Assert.Equal("pre", await traceback.EvaluateAsync<string>("p => getComputedStyle(p).whiteSpace"));
        Assert.True(await traceback.EvaluateAsync<bool>("p => p.getBoundingClientRect().right <= p.closest('article').getBoundingClientRect().right"), "the traceback scrolls inside the card");
        await Task.Delay(2500); // a refresh of the page must not fold the open traceback away
        await Expect(traceback).ToBeVisibleAsync();
        await DashboardFixture.ScreenshotAsync(page, "training-failed");

        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await reason.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the reason should fit its card on a phone");
        Assert.True(await page.EvaluateAsync<bool>(CompareTests.PageFits), "the Training page should fit a 390 px phone");

        // Models: the row carries the reason on one line, its Details the same toggle.
        await page.SetViewportSizeAsync(1400, 1000);
        await page.GotoAsync("/dashboard/index.html#/models/broken");
        var row = page.Locator("#versions tr[data-version=v1]");
        await Expect(row.Locator(".failure-reason.one-line")).ToContainTextAsync(error.Split('\n')[0].Trim());
        await row.Locator("button.details").ClickAsync();
        var details = page.Locator("#versions tr.details-row");
        await details.Locator("details.traceback summary").ClickAsync();
        await Expect(details.Locator("pre.traceback-text")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 1400, "a traceback must not widen the Models page");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_finished_seq2seq_card_keeps_its_metrics_and_final_loss_its_curve_stays_on_the_version_and_it_compares_with_lead_k()
    {
        await ImportNewsAsync("news");
        await cluster.Admin.Post("/api/v1/models", new { id = "lead", algorithm = "lead-k", dataset_id = "news", hyperparameters = new { k = 1 } }, HttpStatusCode.Created);
        var lead = await cluster.Admin.TrainAsync("lead", "v1");
        await cluster.Admin.Post("/api/v1/models", new { id = "s2s", algorithm = "seq2seq", dataset_id = "news", hyperparameters = Tiny }, HttpStatusCode.Created);
        var page = await cluster.LoggedInAsync();
        await page.GotoAsync("/dashboard/index.html#/training");
        await cluster.Admin.Post("/api/v1/models/s2s/versions", new { version = "v1" }, HttpStatusCode.Accepted);
        var card = page.Locator("article[data-version='s2s/v1']");
        await Expect(card).ToHaveAttributeAsync("data-status", "training", new() { Timeout = 60_000 });
        await Expect(card.Locator("dd[data-figure=step]")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        // While it validates, the last step, loss and speed stay on the card.
        await Expect(card).ToHaveAttributeAsync("data-status", new System.Text.RegularExpressions.Regex("^(validating|completed)$"), new() { Timeout = 120_000 });
        await Expect(card.Locator("dd[data-figure=step]")).ToBeVisibleAsync();
        await Expect(card.Locator("dd[data-figure='tokens/s']")).ToBeVisibleAsync();

        await Expect(card).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 120_000 });
        var done = await cluster.Admin.Get("/api/v1/models/s2s/versions/v1");
        var rouge1 = done["metrics"]!["rouge1"]!.GetValue<double>();
        await Expect(card.Locator("dl.results dd[data-metric=rouge1]")).ToBeVisibleAsync();
        await Expect(card.Locator("dd[data-figure='final-loss']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d"));
        await Expect(card.Locator("dd[data-figure=step]")).ToBeVisibleAsync();
        await DashboardFixture.ScreenshotAsync(page, "training-finished");

        // A reload (a new page) still shows the finished card with its metrics.
        await page.ReloadAsync();
        await Expect(card.Locator("dl.results dd[data-metric=rouge1]")).ToBeVisibleAsync();

        // Models: summarizer headline metrics, no recommender columns; the curve lives on the version.
        await page.GotoAsync("/dashboard/index.html#/models/s2s");
        await Expect(page.Locator("#versions tr[data-version=v1] td[data-metric=rouge1]")).ToBeVisibleAsync();
        var headers = await page.Locator("#versions thead th").AllTextContentsAsync();
        Assert.Contains("rouge1", headers);
        Assert.DoesNotContain("accuracy", headers);
        Assert.True(headers.Count <= 5 + 4 + 1, string.Join(", ", headers));
        await page.Locator("#versions tr[data-version=v1] button.details").ClickAsync();
        var curve = page.Locator("#curve-v1");
        await Expect(curve).ToBeVisibleAsync();
        await Expect(curve).ToHaveAttributeAsync("aria-label", "loss by step");
        await Expect(page.Locator("#versions tr.details-row .curve-box h4")).ToContainTextAsync("final loss");
        Assert.True(done["curve"]!.AsArray().Count(p => p!["loss"] is not null) > 1);

        // Compared across models on the same dataset: the seq2seq version against the lead-k baseline.
        await page.Locator("#other-models summary").ClickAsync();
        await page.Locator("#versions tr[data-version=v1] input.pick").CheckAsync();
        await page.Locator("#other-models input[data-ref='lead:v1']").CheckAsync();
        await page.Locator("#compare").ClickAsync();
        var table = page.Locator("#compare-table");
        await Expect(table.Locator("thead th")).ToHaveTextAsync(["metric", "s2s/v1", "lead/v1"]);
        var leadRouge = lead["metrics"]!["rouge1"]!.GetValue<double>();
        var rougeCells = table.Locator("tr[data-metric=rouge1] td");
        if (rouge1 != leadRouge)
            await Expect(rougeCells.Nth(rouge1 > leadRouge ? 0 : 1)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bbest\b"));
        await Expect(page.Locator("#compare-charts svg[data-metric=rouge1] rect.bar")).ToHaveCountAsync(2);
        await Expect(page.Locator("#parameter-diff")).ToContainTextAsync("parameters differ");
        await DashboardFixture.ScreenshotAsync(page, "compare-models");
        await page.Context.CloseAsync();
    }

    private async Task ImportNewsAsync(string dataset)
    {
        await cluster.Admin.Post("/api/v1/datasets", new { id = dataset, kind = "text-pairs" }, HttpStatusCode.Created);
        using var content = new StringContent(XsumLines(60), Encoding.UTF8, "application/x-ndjson");
        await cluster.Admin.Send(HttpMethod.Post, $"/api/v1/datasets/{dataset}/import?format=jsonl", content, HttpStatusCode.OK);
    }

    private static string XsumLines(int count)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HttmOrleans.sln"))) directory = directory.Parent;
        var path = Path.Combine(directory!.FullName, "..", "shared", "data", "xsum", "xsum_test_1000.jsonl");
        return string.Join('\n', File.ReadLines(path).Take(count)) + "\n";
    }
}
