using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using HttmOrleans.Grains;
using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Grains.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using Xunit;

namespace HttmOrleans.Api.Tests.Infrastructure;

/// <summary>
/// What the data-chef source tests talk to: one API node on SQLite, a Kestrel JSON API on 127.0.0.1
/// (paginated, behind a bearer token and an API key, page 2 failing once with 503) and the RabbitMQ
/// broker named by HTTM_TEST_AMQP.
/// </summary>
public sealed class DataChefServices : IAsyncLifetime
{
    public const string Token = "tok-rest-3c1d9e";
    public const string ApiKey = "key-7f2e55a0";
    public const int ApiRows = 10;

    private readonly List<string> _queues = [];
    private WebApplication? _api;
    private IConnection? _rabbit;
    private IChannel? _channel;

    public ApiNode Node { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The JSON API's base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string ApiBase { get; private set; } = "";

    /// <summary>Requests the JSON API answered, by path and query.</summary>
    public ConcurrentDictionary<string, int> ApiHits { get; } = new();

    public static string AmqpUri => Environment.GetEnvironmentVariable("HTTM_TEST_AMQP") is { Length: > 0 } uri ? uri
        : throw new InvalidOperationException("HTTM_TEST_AMQP is not set; these tests need a RabbitMQ broker, e.g. HTTM_TEST_AMQP=amqp://guest:guest@127.0.0.1:5672/.");

    public async Task InitializeAsync()
    {
        // The JSON API below listens on loopback, which data chefs may reach only when allowed.
        Node = await ApiNode.StartAsync("sqlite", new Dictionary<string, string?> { ["Httm:DataChefs:AllowedHosts"] = "127.0.0.1" });
        Admin = await Node.AdminAsync();
        await StartJsonApiAsync();
        _rabbit = await new ConnectionFactory { Uri = new Uri(AmqpUri) }.CreateConnectionAsync();
        _channel = await _rabbit.CreateChannelAsync();
    }

    /// <summary>A fresh durable queue, deleted when the fixture ends.</summary>
    public async Task<string> NewQueueAsync()
    {
        var name = "api-chef-test-" + Guid.NewGuid().ToString("N")[..12];
        await _channel!.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false);
        _queues.Add(name);
        return name;
    }

    public async Task PublishAsync(string queue, string json, string messageId) =>
        await _channel!.BasicPublishAsync("", queue, mandatory: false, new BasicProperties { Persistent = true, MessageId = messageId }, Encoding.UTF8.GetBytes(json));

    public async Task<uint> CountAsync(string queue) => await _channel!.MessageCountAsync(queue);

    /// <summary>The chef as the grain stores it, secrets included: what the API must never show, read past it.</summary>
    public Task<DataChefInfo> StoredAsync(string id) => StoredAsync(Node, id);

    /// <summary>The chef as <paramref name="node"/>'s grain stores it.</summary>
    public static async Task<DataChefInfo> StoredAsync(ApiNode node, string id)
    {
        // ApiNode keeps its host private; this peek is only for asserting what was stored.
        var app = (WebApplication)typeof(ApiNode).GetField("_app", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(node)!;
        var chef = (await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IDataChefGrain>(id).Get())!;
        chef.Source = DataChefSecretBox.Open(chef.Source);
        return chef;
    }

    /// <summary>Every chef id, sorted, to show a refused request stored nothing.</summary>
    public async Task<List<string>> ChefIdsAsync() =>
        [.. (await Node.Anonymous.Get("/api/v1/datachefs")).AsArray().Select(c => c!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    /// <summary>Waits for the chef's materialization to end and returns the chef.</summary>
    public async Task<JsonNode> MaterializedAsync(string id, string status = "completed")
    {
        await Admin.Post($"/api/v1/datachefs/{id}/materialize", null, HttpStatusCode.Accepted);
        var chef = await Eventually.Until(() => Node.Anonymous.Get($"/api/v1/datachefs/{id}"), c => c["last"] is JsonObject && c["running_job"] is null,
            TimeSpan.FromSeconds(60), $"chef {id} to materialize");
        Assert.True(chef["last"]!["status"]!.GetValue<string>() == status, $"materialization ended {chef["last"]}");
        return chef;
    }

    public async Task DisposeAsync()
    {
        if (_channel is not null)
        {
            foreach (var queue in _queues) await _channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
            await _channel.DisposeAsync();
        }

        if (_rabbit is not null) await _rabbit.DisposeAsync();
        if (_api is not null) await _api.DisposeAsync();
        Admin?.Dispose();
        if (Node is not null) await Node.DisposeAsync();
    }

    private async Task StartJsonApiAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/ratings", (HttpContext context, int page, int size) =>
        {
            var hits = ApiHits.AddOrUpdate(context.Request.Path + context.Request.QueryString, 1, (_, n) => n + 1);
            if (context.Request.Headers.Authorization.ToString() != "Bearer " + Token || context.Request.Headers["X-Api-Key"].ToString() != ApiKey)
                return Results.Json(new { error = "unauthorized" }, statusCode: 401);
            if (page == 2 && hits == 1) return Results.Text("busy", statusCode: 503);
            var start = (page - 1) * size;
            var items = Enumerable.Range(start, Math.Max(0, Math.Min(size, ApiRows - start)))
                .Select(i => new { userId = $"api-u{i % 4}", productId = $"api-i{i}", stars = (i % 5) + 1 });
            return Results.Json(new { data = new { items } });
        });
        app.MapGet("/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return Results.Json(Array.Empty<object>());
        });
        await app.StartAsync();
        _api = app;
        ApiBase = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    }
}
