using HttmOrleans.Hosting.Configuration;
using HttmOrleans.Hosting.Dashboard;
using HttmOrleans.Hosting.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.Hosting.Tests.Dashboard;

/// <summary>
/// An ASP.NET Core app on Kestrel (127.0.0.1, a free port) co-hosting a silo on a SQLite file, with
/// the Orleans dashboard at <c>/orleans/</c> behind an admin policy and <c>/api/whoami</c> as a
/// stand-in for the REST API. Shared by the tests in <see cref="OrleansDashboardTests"/>.
/// </summary>
public sealed class DashboardServer : IAsyncLifetime
{
    public const string LoginPath = "/dashboard/login";
    public const string AdminPolicy = "admin";

    private readonly string _database = TestDatabases.CreateSqlite();
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var ports = TestPorts.Take(2);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.UseOrleans(silo => silo
            .UseHttmCluster(new HttmClusterOptions
            {
                Database = _database,
                Cluster = new HttmClusterSettings { SiloPort = ports[0], GatewayPort = ports[1] },
                Silo = new HttmSiloSettings { Capabilities = "cpu", Role = "api" },
            })
            .AddHttmOrleansDashboard());
        builder.Services.AddAuthentication(FixedTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, FixedTokenHandler>(FixedTokenHandler.SchemeName, null);
        builder.Services.AddAuthorization(o => o.AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser()));

        _app = builder.Build();
        _app.UseHttmTokenCookie("/orleans");
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapHttmOrleansDashboard("/orleans", AdminPolicy, LoginPath);
        _app.MapGet("/api/whoami", (HttpContext c) => c.User.Identity!.Name).RequireAuthorization(AdminPolicy);
        await _app.StartAsync();

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        TestDatabases.DropSqlite(_database);
    }

    /// <summary>A client that shows redirects instead of following them, sending <paramref name="cookie"/> if given.</summary>
    public HttpClient Client(string? cookie = null)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (cookie is not null) client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
