using System.Net;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>The README's walk-through, over real HTTP, on both stores.</summary>
public sealed class WalkthroughTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_readme_walkthrough_works_end_to_end(string provider)
    {
        await using var node = await ApiNode.StartAsync(provider);
        using var admin = await node.AdminAsync();

        await admin.ImportRatings("ratings");
        var model = await admin.Post("/api/v1/models", new { id = "shop", algorithm = "svd", dataset_id = "ratings", hyperparameters = new { factors = 16, epochs = 10 } }, HttpStatusCode.Created);
        Assert.Equal(16, model["hyperparameters"]!["factors"]!.GetValue<int>());
        Assert.Equal(0.02, model["hyperparameters"]!["reg"]!.GetValue<double>(), 6); // default filled in

        var queued = await admin.Post("/api/v1/models/shop/versions", new { }, HttpStatusCode.Accepted);
        Assert.Equal("v1", queued["version"]!.GetValue<string>());
        var done = await admin.WaitForVersion("shop", "v1");
        Assert.Equal(100, done["progress"]!.GetValue<double>());
        Assert.True(done["metrics"]!["ndcg@10"]!.GetValue<double>() > 0);
        Assert.True(done["metrics"]!["rmse"]!.GetValue<double>() > 0);
        Assert.NotNull(done["artifact_id"]);
        Assert.NotNull(done["completed_at"]);
        Assert.Equal(1, done["snapshot"]!.GetValue<int>());

        var active = await node.Anonymous.Get("/api/v1/models/shop/registry/active");
        Assert.Equal("v1", active["active_version"]!.GetValue<string>());

        var recs = await node.Anonymous.Get("/api/v1/models/shop/recommend?user_id=u1&n=5");
        var items = recs["recommendations"]!.AsArray().Select(r => r!["item_id"]!.GetValue<string>()).ToList();
        Assert.Equal(5, items.Count);
        var seen = Http.RatingsCsv().Split('\n').Where(l => l.StartsWith("u1,", StringComparison.Ordinal)).Select(l => l.Split(',')[1]).ToHashSet();
        Assert.DoesNotContain(items, seen.Contains);
        Assert.Null(recs["fallback"]);
        var stranger = await node.Anonymous.Get("/recommend?user_id=nobody&model_id=shop&n=3");
        Assert.Equal("popularity", stranger["fallback"]!.GetValue<string>());

        await admin.Post("/api/v1/tasks", new { name = "retrain-shop", model_id = "shop", interval = 2 }, HttpStatusCode.Created);
        var ran = await Eventually.Until(() => node.Anonymous.Get("/api/v1/tasks/retrain-shop"),
            t => t["history"]!.AsArray().Any(r => r!["status"]!.GetValue<string>() == "completed"), TimeSpan.FromSeconds(60), "a scheduled run");
        Assert.NotNull(ran["next_run"]);
        var changed = await admin.Send(HttpMethod.Patch, "/api/v1/tasks/retrain-shop", new { interval = 3600 }, HttpStatusCode.OK);
        Assert.Equal(3600, changed["interval_seconds"]!.GetValue<int>());
        var next = changed["next_run"]!.GetValue<DateTimeOffset>();
        Assert.True(next > DateTimeOffset.UtcNow.AddMinutes(50), $"next run {next} should be about an hour away");
        var paused = await admin.Post("/api/v1/tasks/retrain-shop/pause", null);
        Assert.True(paused["paused"]!.GetValue<bool>());
        Assert.Null(paused["next_run"]);

        var versions = (await node.Anonymous.Get("/api/v1/models/shop/versions")).AsArray();
        Assert.True(versions.Count >= 2);
        Assert.Equal("task:retrain-shop", versions[1]!["created_by"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Versions_stream_their_progress_as_server_sent_events(string provider)
    {
        await using var node = await ApiNode.StartAsync(provider);
        using var admin = await node.AdminAsync();
        await admin.ImportRatings("ratings");
        await admin.Post("/api/v1/models", new { id = "m", algorithm = "als", dataset_id = "ratings", hyperparameters = new { factors = 8, iterations = 30 } }, HttpStatusCode.Created);
        await admin.Post("/api/v1/models/m/versions", new { version = "first" }, HttpStatusCode.Accepted);

        using var response = await node.Anonymous.GetAsync("/api/v1/models/m/versions/first/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string Event, JsonNode Data)>();
        string? name = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) events.Add((name!, JsonNode.Parse(line[6..])!));
        }

        Assert.Equal("done", events[^1].Event);
        Assert.Equal("completed", events[^1].Data["status"]!.GetValue<string>());
        Assert.All(events[..^1], e => Assert.Equal("progress", e.Event));
    }

    [Theory]
    [InlineData("sqlite")]
    public async Task Retraining_from_a_base_version_records_it_and_finished_versions_refuse_cancel_and_active_ones_refuse_delete(string provider)
    {
        await using var node = await ApiNode.StartAsync(provider);
        using var admin = await node.AdminAsync();
        await admin.ImportRatings("ratings");
        await admin.Post("/api/v1/models", new { id = "m", algorithm = "popularity", dataset_id = "ratings" }, HttpStatusCode.Created);
        await admin.Post("/api/v1/models/m/versions", new { version = "base" }, HttpStatusCode.Accepted);
        await admin.WaitForVersion("m", "base");
        var retrained = await admin.Post("/api/v1/models/m/versions", new { version = "next", base_version = "base" }, HttpStatusCode.Accepted);
        Assert.Equal("next", retrained["version"]!.GetValue<string>());
        var done = await admin.WaitForVersion("m", "next");
        Assert.Equal("base", done["base_version"]!.GetValue<string>());

        await admin.Post("/api/v1/models/m/versions", new { version = "unknown-base", base_version = "nope" }, HttpStatusCode.NotFound);
        await admin.Post("/api/v1/models/m/versions/base/cancel", null, HttpStatusCode.Conflict);
        var compare = await node.Anonymous.Get("/api/v1/models/m/compare?versions=base,next");
        Assert.Equal(2, compare["versions"]!.AsArray().Count);
        Assert.True(compare["metrics"]!.AsObject().ContainsKey("ndcg@10"));

        await admin.Send(HttpMethod.Delete, "/api/v1/models/m/versions/base", null, HttpStatusCode.Conflict); // active
        var deleted = await admin.Send(HttpMethod.Delete, "/api/v1/models/m/versions/next", null, HttpStatusCode.OK);
        Assert.Equal("next", deleted["version"]!.GetValue<string>());
        await node.Anonymous.Get("/api/v1/models/m/versions/next", HttpStatusCode.NotFound);
        Assert.Single(Directory.GetFiles(Path.Combine(node.DataDirectory, "artifacts"), "*.zip"));
    }
}
