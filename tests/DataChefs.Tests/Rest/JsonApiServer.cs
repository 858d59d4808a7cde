using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.DataChefs.Tests.Rest;

/// <summary>
/// A real Kestrel server on 127.0.0.1 serving paginated JSON in the shapes users' APIs have:
/// page numbers, next links, cursors, auth, and failures that recover (or do not).
/// </summary>
public sealed class JsonApiServer : IAsyncLifetime
{
    private const int PageSize = 4;
    private const int Total = 10;
    private WebApplication? _app;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Requests seen, by path and query.</summary>
    public ConcurrentDictionary<string, int> Hits { get; } = new();

    /// <summary>Authorization and X-Api-Key headers seen on /auth.</summary>
    public ConcurrentQueue<(string? Authorization, string? ApiKey)> AuthSeen { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            Hits.AddOrUpdate(context.Request.Path + context.Request.QueryString, 1, (_, n) => n + 1);
            await next(context);
        });

        // Seed-style pages; page 2 answers 503 the first time it is asked for.
        app.MapGet("/seed/{scenario}", (HttpContext context, string scenario, int page, int size) =>
        {
            var key = $"{scenario}:{page}";
            if (page == 2 && Hits.GetValueOrDefault(context.Request.Path + context.Request.QueryString) == 1)
            {
                return scenario == "flaky429"
                    ? Results.Text("slow down", statusCode: 429, contentType: "text/plain")
                    : Results.Text("busy", statusCode: 503);
            }

            return Results.Json(new { data = new { items = Items((page - 1) * size, size) }, key });
        });
        // Sends the client on to any URL, to show redirects are checked like the first request.
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        app.MapGet("/links", (int? after) =>
        {
            var start = after ?? 0;
            var next = start + PageSize < Total ? $"/links?after={start + PageSize}" : null;
            return Results.Json(new { items = Items(start, PageSize), links = new { next } });
        });
        app.MapGet("/cursor", (string? cursor) =>
        {
            var start = cursor is null ? 0 : int.Parse(cursor[1..], System.Globalization.CultureInfo.InvariantCulture);
            var next = start + PageSize < Total ? $"c{start + PageSize}" : null;
            return Results.Json(new { rows = Items(start, PageSize), next_cursor = next });
        });
        app.MapGet("/auth", (HttpContext context) =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            AuthSeen.Enqueue((authorization, context.Request.Headers["X-Api-Key"].ToString()));
            return authorization == "Bearer s3cret"
                ? Results.Json(Items(0, 2))
                : Results.Json(new { error = "unauthorized" }, statusCode: 401);
        });
        app.MapGet("/down", () => Results.Text("down", statusCode: 503));
        app.MapGet("/endless", () => Results.Json(Items(0, 1)));
        app.MapGet("/notjson", () => Results.Text("<html>oops</html>", "text/html"));
        app.MapGet("/elsewhere", () => Results.Json(new { items = Items(0, 1), links = new { next = "http://example.invalid/steal" } }));
        app.MapGet("/nested", () => Results.Json(new[]
        {
            new { user = new { id = "u1" }, item = new { id = "i1" }, rating = 2.5 },
        }));

        await app.StartAsync();
        _app = app;
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public int HitsFor(string pathAndQuery) => Hits.GetValueOrDefault(pathAndQuery);

    private static object[] Items(int start, int count) =>
        [.. Enumerable.Range(start, Math.Max(0, Math.Min(count, Total - start)))
            .Select(i => new { userId = $"u{i}", productId = $"i{i}", rating = (i % 5) + 1 })];
}
