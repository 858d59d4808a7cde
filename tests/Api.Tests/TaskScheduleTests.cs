using System.Net;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>What a task's schedule means to a user over HTTP.</summary>
public sealed class TaskScheduleTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_model_scheduled_hourly_serves_within_seconds_because_a_new_task_runs_at_once(string provider)
    {
        await using var node = await ApiNode.StartAsync(provider);
        using var admin = await node.AdminAsync();
        await admin.ImportRatings("ratings");
        await admin.Post("/api/v1/models", new { id = "hourly", algorithm = "popularity", dataset_id = "ratings" }, HttpStatusCode.Created);

        var created = await admin.Post("/api/v1/tasks", new { name = "hourly", model_id = "hourly", interval = 3600 }, HttpStatusCode.Created);
        var nextRun = DateTimeOffset.Parse(created["next_run"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(nextRun - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));

        await admin.WaitForVersion("hourly", "v1");
        var recs = await node.Anonymous.Get("/api/v1/models/hourly/recommend?user_id=u3&n=3");
        Assert.Equal(3, recs["recommendations"]!.AsArray().Count);
        var task = await Eventually.Until(() => node.Anonymous.Get("/api/v1/tasks/hourly"), t => t["history"]!.AsArray().Count == 1,
            TimeSpan.FromSeconds(30), "the first run recorded");
        Assert.Equal("created", task["history"]![0]!["trigger"]!.GetValue<string>());
        Assert.Equal("completed", task["history"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_task_created_paused_runs_nothing_until_resumed()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        await admin.ImportRatings("ratings");
        await admin.Post("/api/v1/models", new { id = "later", algorithm = "popularity", dataset_id = "ratings" }, HttpStatusCode.Created);

        await admin.Post("/api/v1/tasks", new { name = "later", model_id = "later", interval = 3600, paused = true }, HttpStatusCode.Created);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty((await node.Anonymous.Get("/api/v1/models/later/versions")).AsArray());
        var task = await node.Anonymous.Get("/api/v1/tasks/later");
        Assert.Null(task["current"]);
        Assert.Empty(task["history"]!.AsArray());
    }
}
