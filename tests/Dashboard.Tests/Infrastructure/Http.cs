using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace HttmOrleans.Dashboard.Tests.Infrastructure;

/// <summary>Arranging data through the public API, asserting each status.</summary>
public static class Http
{
    public static async Task<JsonNode> Send(this HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is HttpContent content) request.Content = content;
        else if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {raw}");
        return raw.Length == 0 ? new JsonObject() : JsonNode.Parse(raw)!;
    }

    public static Task<JsonNode> Get(this HttpClient client, string path) => client.Send(HttpMethod.Get, path, null, HttpStatusCode.OK);

    public static Task<JsonNode> Post(this HttpClient client, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.Send(HttpMethod.Post, path, body, expected);

    /// <summary>Creates a model on the shared dataset.</summary>
    public static Task<JsonNode> CreateModel(this HttpClient admin, string id, string algorithm, object hyperparameters) =>
        admin.Post("/api/v1/models", new { id, algorithm, dataset_id = DashboardFixture.Dataset, hyperparameters }, HttpStatusCode.Created);

    /// <summary>Trains a version and waits for it to complete (arrangement, not the thing under test).</summary>
    public static async Task<JsonNode> TrainAsync(this HttpClient admin, string model, string version, object? hyperparameters = null)
    {
        await admin.Post($"/api/v1/models/{model}/versions", new { version, hyperparameters }, HttpStatusCode.Accepted);
        var done = await Eventually.Until(() => admin.Get($"/api/v1/models/{model}/versions/{version}"),
            v => v["status"]!.GetValue<string>() is "completed" or "failed" or "stopped", TimeSpan.FromSeconds(90), $"version {model}/{version}");
        Assert.True(done["status"]!.GetValue<string>() == "completed", $"{model}/{version} ended {done["status"]}: {done["error"]}");
        return done;
    }
}
