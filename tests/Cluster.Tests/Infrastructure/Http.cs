using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace HttmOrleans.Cluster.Tests.Infrastructure;

/// <summary>Calls on a node's REST API that assert their status and return the parsed body.</summary>
public static class Http
{
    public static async Task<JsonNode> Send(this HttpClient client, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is HttpContent content) request.Content = content;
        else if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {client.BaseAddress}{path.TrimStart('/')}: expected {(int)expected}, got {(int)response.StatusCode}: {raw}");
        return raw.Length == 0 ? new JsonObject() : JsonNode.Parse(raw)!;
    }

    public static Task<JsonNode> Get(this HttpClient client, string path) => client.Send(HttpMethod.Get, path, null, HttpStatusCode.OK);

    public static Task<JsonNode> Post(this HttpClient client, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.Send(HttpMethod.Post, path, body, expected);

    /// <summary>
    /// A GET that also returns a failure instead of asserting: for polling across a silo's death, when
    /// a request the dead silo should have answered fails until the cluster has declared it dead.
    /// </summary>
    public static async Task<(HttpStatusCode Status, JsonNode? Body, string Raw)> TryGet(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var raw = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.IsSuccessStatusCode && raw.Length > 0 ? JsonNode.Parse(raw) : null, raw);
    }

    public static string Text(this JsonNode node, string name) => node[name]?.GetValue<string>() ?? "";

    /// <summary>Polls until <paramref name="condition"/> holds; after <paramref name="timeout"/> fails naming <paramref name="what"/> and the last value.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (condition(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}. Last value: {value}");
            await Task.Delay(100);
        }
    }
}
