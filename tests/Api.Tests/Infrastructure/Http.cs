using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace HttmOrleans.Api.Tests.Infrastructure;

/// <summary>Request helpers that assert the status and return the JSON body.</summary>
public static class Http
{
    public static async Task<JsonNode> Send(this HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string text) request.Content = new StringContent(text, System.Text.Encoding.UTF8, "application/json");
        else if (body is HttpContent content) request.Content = content;
        else if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {raw}");
        return raw.Length == 0 ? new JsonObject() : JsonNode.Parse(raw)!;
    }

    public static Task<JsonNode> Get(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.Send(HttpMethod.Get, path, null, expected);

    public static Task<JsonNode> Post(this HttpClient client, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.Send(HttpMethod.Post, path, body, expected);

    /// <summary>Polls a version until it reaches a final state.</summary>
    public static Task<JsonNode> WaitForVersion(this HttpClient client, string model, string version, string status = "completed") =>
        Eventually.Until(() => client.Get($"/api/v1/models/{model}/versions/{version}"),
            v => v["status"]!.GetValue<string>() is "completed" or "failed" or "stopped", TimeSpan.FromSeconds(90), $"version {model}/{version}")
            .ContinueWith(t =>
            {
                var v = t.Result;
                Assert.True(v["status"]!.GetValue<string>() == status, $"version {model}/{version} ended {v["status"]}: {v["error"]}");
                return v;
            }, TaskScheduler.Default);

    /// <summary>A small interactions CSV: 60 users × 12 of 40 items, seeded.</summary>
    public static string RatingsCsv()
    {
        var random = new Random(7);
        var lines = new List<string> { "user_id,item_id,rating,timestamp" };
        for (var u = 0; u < 60; u++)
        {
            foreach (var i in Enumerable.Range(0, 40).OrderBy(_ => random.Next()).Take(12))
                lines.Add($"u{u},i{i},{random.Next(1, 6)},{1_700_000_000 + (u * 100) + i}");
        }

        return string.Join('\n', lines) + "\n";
    }

    public static async Task<string> ImportRatings(this HttpClient admin, string dataset)
    {
        await admin.Post("/api/v1/datasets", new { id = dataset, kind = "interactions" }, HttpStatusCode.Created);
        var content = new StringContent(RatingsCsv(), System.Text.Encoding.UTF8, "text/csv");
        await admin.Send(HttpMethod.Post, $"/api/v1/datasets/{dataset}/import?format=csv", content, HttpStatusCode.OK);
        return dataset;
    }
}
