using System.Net;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>GET /tasks/{name}/runs: one task's history as a scheduler page shows it.</summary>
public sealed class TaskRunHistoryTests
{
    [Fact]
    public async Task A_tasks_runs_come_newest_first_with_durations_counts_and_the_state_the_scheduler_leaves_it_in()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        await admin.ImportRatings("ratings");
        await admin.Post("/api/v1/datasets", new { id = "empty", kind = "interactions" }, HttpStatusCode.Created);
        await admin.Post("/api/v1/models", new { id = "good", algorithm = "popularity", dataset_id = "ratings" }, HttpStatusCode.Created);
        await admin.Post("/api/v1/models", new { id = "bad", algorithm = "popularity", dataset_id = "empty" }, HttpStatusCode.Created);
        await admin.Post("/api/v1/tasks", new { name = "good", model_id = "good", interval = 3600 }, HttpStatusCode.Created);
        await admin.Post("/api/v1/tasks", new { name = "bad", model_id = "bad", interval = 3600 }, HttpStatusCode.Created);
        await Idle(node, "good");
        await admin.Post("/api/v1/tasks/good/run", new { }, HttpStatusCode.Accepted);
        for (var i = 0; i < 2; i++)
        {
            await Idle(node, "bad");
            await admin.Post("/api/v1/tasks/bad/run", new { }, HttpStatusCode.Accepted);
        }

        var good = await Idle(node, "good", "/runs");
        Assert.Equal("good", good["task"]!.GetValue<string>());
        Assert.Equal("active", good["state"]!.GetValue<string>());
        Assert.NotNull(good["next_run"]);
        Assert.Equal(2, good["runs_started"]!.GetValue<long>());
        var runs = good["runs"]!.AsArray();
        Assert.Equal(["2", "1"], runs.Select(r => r!["run_id"]!.GetValue<string>()));
        Assert.Equal(["manual:admin", "created"], runs.Select(r => r!["trigger"]!.GetValue<string>()));
        foreach (var run in runs)
        {
            Assert.Equal("completed", run!["status"]!.GetValue<string>());
            var took = At(run, "ended_at") - At(run, "started_at");
            Assert.Equal(took.TotalSeconds, run["duration_seconds"]!.GetValue<double>(), 0.002);
            Assert.True(took > TimeSpan.Zero, $"a training takes time: {run}");
        }

        Assert.Equal(2, good["counts"]!["completed"]!.GetValue<int>());
        Assert.Equal(0, good["failed"]!.GetValue<int>());
        Assert.Single((await node.Anonymous.Get("/api/v1/tasks/good/runs?limit=1"))["runs"]!.AsArray());

        var bad = await Idle(node, "bad", "/runs");
        Assert.Equal(3, bad["failed"]!.GetValue<int>());
        Assert.Equal(3, bad["failing_in_a_row"]!.GetValue<int>());
        Assert.Equal(3, bad["counts"]!["failed"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(bad["runs"]![0]!["error"]?.GetValue<string>()), $"a failed run says why: {bad["runs"]![0]}");

        // Stopped scheduler: the task is not "active, next run in …", whatever its own flag says.
        await admin.Post("/api/v1/scheduler/stop", new { });
        var held = await node.Anonymous.Get("/api/v1/tasks/good/runs");
        Assert.Equal("scheduler_stopped", held["state"]!.GetValue<string>());
        Assert.Null(held["next_run"]);
        var scheduler = await node.Anonymous.Get("/api/v1/scheduler");
        Assert.Equal("stopped", scheduler["status"]!.GetValue<string>());
        Assert.Null(scheduler["next_run"]);
        Assert.All(scheduler["jobs"]!.AsArray(), job => Assert.Null(job!["next_run_time"]));
        await admin.Post("/api/v1/tasks/good/pause", new { });
        Assert.Equal("paused", (await node.Anonymous.Get("/api/v1/tasks/good/runs"))["state"]!.GetValue<string>());
        await admin.Post("/api/v1/scheduler/start", new { });

        var missing = await node.Anonymous.Get("/api/v1/tasks/nope/runs", HttpStatusCode.NotFound);
        Assert.Contains("nope", missing.ToJsonString(), StringComparison.Ordinal);
    }

    private static DateTimeOffset At(JsonNode run, string field) =>
        DateTimeOffset.Parse(run[field]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    private static Task<JsonNode> Idle(ApiNode node, string task, string suffix = "") =>
        Eventually.Until(async () => (await node.Anonymous.Get($"/api/v1/tasks/{task}"), await node.Anonymous.Get($"/api/v1/tasks/{task}{suffix}")),
                t => t.Item1["current"] is null, TimeSpan.FromSeconds(60), $"task {task} idle")
            .ContinueWith(t => t.Result.Item2, TaskScheduler.Default);
}
