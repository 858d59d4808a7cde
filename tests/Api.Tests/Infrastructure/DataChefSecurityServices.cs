using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace HttmOrleans.Api.Tests.Infrastructure;

/// <summary>
/// What the data-chef security tests attack: one API node laid out as a default install (its SQLite
/// database is <c>{data}/httm.db</c>, no data-chef settings), and a Kestrel JSON API on 127.0.0.1
/// standing for anything internal a REST chef must not reach. No broker is needed.
/// </summary>
public sealed class DataChefSecurityServices : IAsyncLifetime
{
    private WebApplication? _api;

    public ApiNode Node { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The internal JSON API's base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string ApiBase { get; private set; } = "";

    /// <summary>The internal API's port.</summary>
    public int ApiPort => new Uri(ApiBase).Port;

    /// <summary>Requests the internal API answered, by path and query.</summary>
    public ConcurrentDictionary<string, int> ApiHits { get; } = new();

    /// <summary>The node's own database file.</summary>
    public string ServerDatabase => Path.Combine(Node.DataDirectory, "httm.db");

    public async Task InitializeAsync()
    {
        // An empty Httm:Database makes the node put its database where a default install does.
        Node = await ApiNode.StartOnAsync("", new Dictionary<string, string?>());
        Admin = await Node.AdminAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            ApiHits.AddOrUpdate(context.Request.Path + context.Request.QueryString, 1, (_, n) => n + 1);
            await next(context);
        });
        app.MapGet("/data", () => Results.Json(new[] { new { user_id = "internal-u1", item_id = "internal-i1" } }));
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        await app.StartAsync();
        _api = app;
        ApiBase = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    }

    /// <summary>A response's body whatever its status, for checking what it shows.</summary>
    public static async Task<string> BodyOf(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Every chef id, sorted, to show a refused request stored nothing.</summary>
    public async Task<List<string>> ChefIdsAsync() =>
        [.. (await Admin.Get("/api/v1/datachefs")).AsArray().Select(c => c!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    public async Task DisposeAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
        Admin?.Dispose();
        if (Node is not null) await Node.DisposeAsync();
    }
}
