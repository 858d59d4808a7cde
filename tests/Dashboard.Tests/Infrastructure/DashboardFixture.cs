using System.Net;
using Microsoft.Playwright;
using Xunit;

namespace HttmOrleans.Dashboard.Tests.Infrastructure;

/// <summary>
/// One two-silo cluster on a throwaway PostgreSQL database (this API node plus a <c>silo-2</c> process)
/// and one headless Chromium, shared by the collection; each test gets a fresh browser context and its own models.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string Dataset = "ratings";
    public const string ChromiumVariable = "HTTM_TEST_CHROMIUM";
    public const string ScreenshotsVariable = "HTTM_DASHBOARD_SCREENSHOTS";

    private string _database = "";
    private IPlaywright? _playwright;
    private string _siloData = "";

    /// <summary>The cluster's connection string, for starting more silos.</summary>
    public string Database => _database;

    public ApiNode Node { get; private set; } = null!;
    public SiloProcess Silo { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>Where every page's screenshot goes: the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.CreatePostgresAsync();
        Node = await DashboardNode.StartAsync(_database);
        _siloData = Path.Combine(Path.GetTempPath(), "httm-dashboard-tests", "silo-2-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_siloData);
        Silo = SiloProcess.Start(_database, "silo-2", "cpu", _siloData);
        Admin = await Node.AdminAsync();
        await Admin.Send(HttpMethod.Post, "/api/v1/datasets", new { id = Dataset, kind = "interactions" }, HttpStatusCode.Created);
        using var csv = new StringContent(GeneratedRatings.Csv(users: 400, items: 200, perUser: 30, seed: 11), System.Text.Encoding.UTF8, "text/csv");
        await Admin.Send(HttpMethod.Post, $"/api/v1/datasets/{Dataset}/import?format=csv", csv, HttpStatusCode.OK);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            // Root in a container: Chromium's sandbox needs user namespaces we do not have.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh browser context (empty sessionStorage) on the dashboard's login form.</summary>
    public async Task<IPage> OpenAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Node.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1360, Height = 860 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dashboard");
        return page;
    }

    /// <summary>Opens the dashboard and signs in through its form.</summary>
    public async Task<IPage> LoggedInAsync()
    {
        var page = await OpenAsync();
        await page.Locator("#login-username").FillAsync(ApiNode.AdminUser);
        await page.Locator("#login-password").FillAsync(ApiNode.AdminPassword);
        await page.Locator("#login-submit").ClickAsync();
        await Assertions.Expect(page.Locator("#shell")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Saves a full-page screenshot to the test output, and to <c>HTTM_DASHBOARD_SCREENSHOTS</c> when set (docs/screenshots).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        if (Environment.GetEnvironmentVariable(ScreenshotsVariable) is { Length: > 0 } docs)
        {
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, name + ".png"), overwrite: true);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Admin?.Dispose();
        if (Silo is not null) await Silo.DisposeAsync();
        if (Node is not null) await Node.DisposeAsync();
        if (_database.Length > 0) await TestDatabases.DropPostgresAsync(_database);
        try
        {
            if (_siloData.Length > 0) Directory.Delete(_siloData, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
