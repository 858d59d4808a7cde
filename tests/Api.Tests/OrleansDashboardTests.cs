using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>The Orleans dashboard at /orleans/ on an API node: admins only, through /dashboard's login.</summary>
public sealed class OrleansDashboardTests
{
    [Fact]
    public async Task The_orleans_dashboard_sends_a_browser_to_the_login_and_opens_with_the_admin_token_cookie()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = node.Address };

        using (var anonymous = new HttpRequestMessage(HttpMethod.Get, "/orleans/"))
        {
            anonymous.Headers.Accept.ParseAdd("text/html");
            using var refused = await noRedirects.SendAsync(anonymous);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/dashboard/?returnUrl=%2Forleans%2F", refused.Headers.Location!.OriginalString);
        }

        var login = await node.Anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = ApiNode.AdminUser, password = ApiNode.AdminPassword });
        var token = (await login.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        using (var withCookie = new HttpRequestMessage(HttpMethod.Get, "/orleans/"))
        {
            withCookie.Headers.Accept.ParseAdd("text/html");
            withCookie.Headers.Add("Cookie", "httm_token=" + Uri.EscapeDataString(token));
            using var page = await noRedirects.SendAsync(withCookie);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        // The cookie opens only the dashboard: the REST API still wants a bearer header for writes.
        using var write = new HttpRequestMessage(HttpMethod.Post, "/api/v1/datasets") { Content = JsonContent.Create(new { id = "x", kind = "interactions" }) };
        write.Headers.Add("Cookie", "httm_token=" + Uri.EscapeDataString(token));
        using var refusedWrite = await noRedirects.SendAsync(write);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedWrite.StatusCode);
    }
}
