using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HttmOrleans.Dashboard.Tests.Infrastructure;

namespace HttmOrleans.Cluster.Tests.Infrastructure;

/// <summary>Arrangements through the public API: the shared ratings, models, versions.</summary>
public static class Scenario
{
    public const string Dataset = "ratings";

    /// <summary>
    /// A BPR model that takes some seconds on the shared cores, long enough to kill its silo mid-run,
    /// short enough for five rounds in a few minutes (each run printed by the tests).
    /// </summary>
    public static readonly object SlowBpr = new { factors = 64, epochs = 350 };

    /// <summary>400 users × 30 ratings as the dataset <see cref="Dataset"/>.</summary>
    public static async Task ImportRatingsAsync(HttpClient admin)
    {
        await admin.Send(HttpMethod.Post, "/api/v1/datasets", new { id = Dataset, kind = "interactions" }, HttpStatusCode.Created);
        using var csv = new StringContent(GeneratedRatings.Csv(users: 400, items: 200, perUser: 30, seed: 11), Encoding.UTF8, "text/csv");
        await admin.Send(HttpMethod.Post, $"/api/v1/datasets/{Dataset}/import?format=csv", csv, HttpStatusCode.OK);
    }

    public static Task<JsonNode> CreateModelAsync(HttpClient admin, string id, string algorithm, object hyperparameters) =>
        admin.Post("/api/v1/models", new { id, algorithm, dataset_id = Dataset, hyperparameters }, HttpStatusCode.Created);

    public static Task<JsonNode> StartVersionAsync(HttpClient admin, string model, string version) =>
        admin.Post($"/api/v1/models/{model}/versions", new { version }, HttpStatusCode.Accepted);

    public static Task<JsonNode> VersionAsync(HttpClient admin, string model, string version) =>
        admin.Get($"/api/v1/models/{model}/versions/{version}");

    public static bool IsFinal(JsonNode version) => version.Text("status") is "completed" or "failed" or "stopped";

    /// <summary>
    /// Waits for the version to end, whatever the outcome (the test asserts which). Answers other than
    /// 200 on the way (a silo just killed held a grain the request needed) are collected in <paramref name="failures"/>.
    /// </summary>
    public static async Task<JsonNode> EndedAsync(HttpClient admin, string model, string version, TimeSpan timeout, List<string> failures)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ended = await Http.Until(async () =>
        {
            var (status, body, raw) = await admin.TryGet($"/api/v1/models/{model}/versions/{version}");
            if (body is null) failures.Add($"{clock.Elapsed.TotalSeconds:0.0} s: {(int)status} {raw[..Math.Min(raw.Length, 120)]}");
            return body;
        }, v => v is not null && IsFinal(v), timeout, $"version {model}/{version} to end");
        return ended!;
    }

    /// <summary>The job row of a version (<c>GET /api/v1/jobs</c>): attempts, handovers, silo.</summary>
    public static async Task<JsonNode> JobOfAsync(HttpClient admin, string model, string version)
    {
        var jobs = (await admin.Get("/api/v1/jobs")).AsArray();
        var key = model + "/" + version;
        return jobs.Single(j => j!["owner"]!.Text("key") == key)!;
    }

    /// <summary>The version grain's recorded events (<c>GET /api/v1/grains/ModelVersion/{model}/{version}</c>), oldest first.</summary>
    public static async Task<List<JsonNode>> EventsOfAsync(HttpClient admin, string model, string version) =>
        [.. (await admin.Get($"/api/v1/grains/ModelVersion/{model}/{version}"))["events"]!.AsArray().Select(e => e!)];
}
