using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HttmOrleans.Hosting.Dashboard;
using HttmOrleans.Hosting.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HttmOrleans.Hosting.Tests.Dashboard;

/// <summary>The Orleans dashboard over real HTTP, behind an authorization policy and our token cookie.</summary>
public sealed class OrleansDashboardTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private const string TokenCookie = HttmOrleans.Hosting.Dashboard.TokenCookie.CookieName + "=" + FixedTokenHandler.Token;

    [Fact]
    public async Task A_browser_that_is_not_logged_in_is_redirected_from_the_dashboard_to_the_login_page()
    {
        using var client = server.Client();
        using var response = await client.SendAsync(Page("orleans/?tab=silos"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/login?returnUrl=%2Forleans%2F%3Ftab%3Dsilos", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_token_cookie_is_redirected_to_the_login_page_too()
    {
        using var client = server.Client(TokenCookie + "-not");
        using var response = await client.SendAsync(Page("orleans/"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dashboard/login?returnUrl=", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_token_cookie_the_dashboard_page_and_its_script_are_served()
    {
        using var client = server.Client(TokenCookie);
        using var page = await client.SendAsync(Page("orleans/"));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("index.min.js", html, StringComparison.Ordinal);

        using var script = await client.GetAsync("orleans/index.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 1000, "the dashboard script is served whole");
    }

    [Fact]
    public async Task A_bearer_header_works_as_well_as_the_cookie()
    {
        using var client = server.Client();
        using var request = Page("orleans/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FixedTokenHandler.Token);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("index.min.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_script_and_data_refuse_anonymous_requests_with_401_not_a_redirect()
    {
        using var client = server.Client();
        foreach (var path in new[] { "orleans/index.min.js", "orleans/DashboardCounters", "orleans/ClusterStats" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {(int)response.StatusCode}");
            Assert.Null(response.Headers.Location);
        }
    }

    [Fact]
    public async Task With_the_token_cookie_the_data_endpoint_answers_json_listing_the_cluster_silo()
    {
        using var client = server.Client(TokenCookie);
        var localSilo = server.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

        var hosts = await Eventually.Until(async () =>
            {
                using var response = await client.GetAsync("orleans/DashboardCounters");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return json.RootElement.GetProperty("hosts").EnumerateArray()
                    .Select(h => $"{h.GetProperty("siloAddress").GetString()} {h.GetProperty("status").GetString()}").ToList();
            },
            list => list.Count > 0, TimeSpan.FromSeconds(15), "the dashboard to list the silo");

        Assert.Equal([$"{localSilo.ToParsableString()} Active"], hosts);
    }

    [Fact]
    public async Task The_token_cookie_does_not_authorize_requests_outside_the_dashboard()
    {
        using var cookieOnly = server.Client(TokenCookie);
        using var refused = await cookieOnly.GetAsync("api/whoami");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var bearer = server.Client();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FixedTokenHandler.Token);
        Assert.Equal("admin", await bearer.GetStringAsync("api/whoami"));
    }

    /// <summary>A request the way a browser navigates: it asks for HTML first.</summary>
    private static HttpRequestMessage Page(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return request;
    }
}
