using System.Net;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>GET /api/v1/trainings: what the dashboard's Training page reads in one request per refresh.</summary>
public sealed class TrainingListTests
{
    [Fact]
    public async Task Trainings_lists_running_versions_and_the_latest_finished_ones_of_every_model_with_figures_and_curves()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        await admin.ImportRatings("ratings");
        foreach (var model in new[] { "alpha", "beta" })
            await admin.Post("/api/v1/models", new { id = model, algorithm = "als", dataset_id = "ratings", hyperparameters = new { factors = 4, iterations = 3 } }, HttpStatusCode.Created);
        await admin.Post("/api/v1/models/alpha/versions", new { version = "v1" }, HttpStatusCode.Accepted);
        await admin.WaitForVersion("alpha", "v1");
        await admin.Post("/api/v1/models/beta/versions", new { version = "v1" }, HttpStatusCode.Accepted);
        await admin.WaitForVersion("beta", "v1");
        await admin.Post("/api/v1/models", new { id = "gamma", algorithm = "bpr", dataset_id = "ratings", hyperparameters = new { factors = 128, epochs = 10_000 } }, HttpStatusCode.Created);
        await admin.Post("/api/v1/models/gamma/versions", new { version = "long" }, HttpStatusCode.Accepted);
        await Eventually.Until(() => admin.Get("/api/v1/trainings"),
            t => t["running"]!.AsArray().Any(v => v!["version"]!.GetValue<string>() == "long"), TimeSpan.FromSeconds(30), "long to be listed as running");

        var all = await admin.Get("/api/v1/trainings");
        var running = all["running"]!.AsArray();
        Assert.Equal(["gamma/long"], running.Select(Key));
        Assert.NotEqual("completed", running[0]!["status"]!.GetValue<string>());
        var finished = all["finished"]!.AsArray();
        Assert.Equal(["beta/v1", "alpha/v1"], finished.Select(Key)); // latest ended first, across models
        Assert.True(finished[0]!["metrics"]!.AsObject().ContainsKey("ndcg@10"), finished[0]!["metrics"]!.ToJsonString());
        Assert.NotNull(finished[0]!["curve"]);
        Assert.NotNull(finished[0]!["figures"]);

        var one = await admin.Get("/api/v1/trainings?finished=1");
        Assert.Equal(["beta/v1"], one["finished"]!.AsArray().Select(Key));
        Assert.Single(one["running"]!.AsArray());
        await admin.Post("/api/v1/models/gamma/versions/long/cancel", null);
        await admin.WaitForVersion("gamma", "long", "stopped");
        var after = await admin.Get("/api/v1/trainings?finished=0");
        Assert.Empty(after["running"]!.AsArray());
        Assert.Empty(after["finished"]!.AsArray());
    }

    private static string Key(JsonNode? v) => $"{v!["model_id"]!.GetValue<string>()}/{v["version"]!.GetValue<string>()}";
}
