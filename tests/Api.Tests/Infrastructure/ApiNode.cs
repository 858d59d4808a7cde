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

namespace HttmOrleans.Api.Tests.Infrastructure;

/// <summary>
/// A real API node (Kestrel on 127.0.0.1, in-process silo) on a throwaway SQLite file or PostgreSQL database,
/// or on a database someone else owns (the dashboard tests' cluster). Also linked into tests/Dashboard.Tests.
/// </summary>
public sealed class ApiNode : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "correct horse battery staple";

    private readonly WebApplication _app;
    private readonly string _connectionString;
    private readonly string? _ownedProvider;
    private readonly string _dataDirectory;

    private ApiNode(WebApplication app, string? ownedProvider, string connectionString, string dataDirectory, Uri address)
    {
        _app = app;
        _ownedProvider = ownedProvider;
        _connectionString = connectionString;
        _dataDirectory = dataDirectory;
        Address = address;
        Anonymous = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri Address { get; }

    /// <summary>A client without a token.</summary>
    public HttpClient Anonymous { get; }

    public string DataDirectory => _dataDirectory;

    /// <summary>The node's services: its endpoints, grains and settings, for tests that look inside.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>A node on its own throwaway database (<c>sqlite</c> or <c>postgres</c>), dropped with the node.</summary>
    public static async Task<ApiNode> StartAsync(string provider)
    {
        var connectionString = provider == "postgres" ? await TestDatabases.CreatePostgresAsync() : TestDatabases.CreateSqlite();
        return await StartAsync(provider, connectionString, new Dictionary<string, string?>());
    }

    /// <summary>A node on its own throwaway database, with extra settings over the defaults.</summary>
    public static async Task<ApiNode> StartAsync(string provider, IReadOnlyDictionary<string, string?> settings)
    {
        var connectionString = provider == "postgres" ? await TestDatabases.CreatePostgresAsync() : TestDatabases.CreateSqlite();
        return await StartAsync(provider, connectionString, settings);
    }

    /// <summary>A node on a database the caller owns (left in place), with extra settings over the defaults.</summary>
    public static Task<ApiNode> StartOnAsync(string connectionString, IReadOnlyDictionary<string, string?> settings) =>
        StartAsync(null, connectionString, settings);

    private static async Task<ApiNode> StartAsync(string? ownedProvider, string connectionString, IReadOnlyDictionary<string, string?> settings)
    {
        var data = Path.Combine(Path.GetTempPath(), "httm-api-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Httm:Database"] = connectionString,
            ["Httm:DataDirectory"] = data,
            ["Httm:Admin:User"] = AdminUser,
            ["Httm:Admin:Password"] = AdminPassword,
            // Every node co-hosts a silo: its own ports, reachable on loopback by the others of its cluster.
            ["Httm:Cluster:SiloPort"] = TestPorts.Take().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Httm:Cluster:GatewayPort"] = TestPorts.Take().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Httm:Cluster:AdvertisedAddress"] = "127.0.0.1",
            ["Httm:Silo:ProgressInterval"] = "00:00:00.250",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Httm:Summarization:Capability"] = "cpu",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddHttmApi();
        var app = builder.Build();
        app.UseHttmApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiNode(app, ownedProvider, connectionString, data, new Uri(address));
    }

    /// <summary>A client logged in as the admin.</summary>
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
        if (_ownedProvider == "postgres") await TestDatabases.DropPostgresAsync(_connectionString);
        else if (_ownedProvider == "sqlite") TestDatabases.DropSqlite(_connectionString);
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
