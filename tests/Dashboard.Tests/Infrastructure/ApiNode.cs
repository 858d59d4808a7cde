using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HttmOrleans.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HttmOrleans.Dashboard.Tests.Infrastructure;

/// <summary>A real API node (Kestrel on 127.0.0.1, in-process silo) serving the dashboard from its output folder.</summary>
public sealed class ApiNode : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "correct horse battery staple";
    public const string SiloId = "api-1";

    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private ApiNode(WebApplication app, string dataDirectory, Uri address)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Address = address;
        Anonymous = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    /// <summary>A client without a token.</summary>
    public HttpClient Anonymous { get; }

    public static async Task<ApiNode> StartAsync(string connectionString)
    {
        var data = Path.Combine(Path.GetTempPath(), "httm-dashboard-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Httm:Database"] = connectionString,
            ["Httm:DataDirectory"] = data,
            // Both nodes train out of the database, so an artifact saved by one is served by the other.
            ["Httm:Artifacts:Store"] = "database",
            ["Httm:Admin:User"] = AdminUser,
            ["Httm:Admin:Password"] = AdminPassword,
            ["Httm:Silo:Id"] = SiloId,
            ["Httm:Silo:PollInterval"] = "00:00:00.250",
            ["Httm:Silo:ProgressInterval"] = "00:00:00.250",
            ["Httm:Silo:HeartbeatInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddHttmApi();
        var app = builder.Build();
        app.UseHttmApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiNode(app, data, new Uri(address));
    }

    /// <summary>A client logged in as the admin, for arranging data the way any API client would.</summary>
    public async Task<HttpClient> AdminAsync()
    {
        var response = await Anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = AdminUser, password = AdminPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Anonymous.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A trainer may still be releasing a file; the temp folder is cleaned by the OS.
        }
    }
}
