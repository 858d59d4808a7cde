extern alias api;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ApiSetup = api::HttmOrleans.Api.ApiSetup;

namespace HttmOrleans.DataChefs.Bench;

/// <summary>A real API node (Kestrel on 127.0.0.1, in-process silo) on a given database, and an admin client for it.</summary>
internal sealed class BenchNode : IAsyncDisposable
{
    private const string Password = "bench password, not a secret";
    private readonly WebApplication _app;

    private BenchNode(WebApplication app, HttpClient admin)
    {
        _app = app;
        Admin = admin;
    }

    public HttpClient Admin { get; }

    public static async Task<BenchNode> StartAsync(string connectionString, string dataDirectory)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Httm:Database"] = connectionString,
            ["Httm:DataDirectory"] = dataDirectory,
            ["Httm:Admin:User"] = "admin",
            ["Httm:Admin:Password"] = Password,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        ApiSetup.AddHttmApi(builder);
        var app = builder.Build();
        ApiSetup.UseHttmApi(app);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var admin = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(30) };
        var login = await admin.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new BenchNode(app, admin);
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
