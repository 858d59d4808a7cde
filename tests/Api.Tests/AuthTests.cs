using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using HttmOrleans.Grains.Admin;
using HttmOrleans.Grains.Jobs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>Who may call what, token rules and login back-off, over real HTTP.</summary>
public sealed class AuthTests : IAsyncLifetime
{
    /// <summary>The only writes open without a token: they log in or only compute.</summary>
    private static readonly string[] OpenWrites =
        ["POST /api/v1/auth/login", "POST /api/v1/summarize", "POST /api/v1/models/{id}/summarize", "POST /api/v1/models/{id}/recommend/batch"];

    private ApiNode _node = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _node = await ApiNode.StartAsync("sqlite");
        _admin = await _node.AdminAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Every_write_route_needs_a_token_whatever_its_ids_are_called()
    {
        // Things called like the open routes, which a path-based check would have let anyone change.
        await _admin.Post("/api/v1/datasets", new { id = "summarize", kind = "interactions" }, HttpStatusCode.Created);
        await _admin.Post("/api/v1/models", new { id = "summarize", algorithm = "popularity", dataset_id = "summarize" }, HttpStatusCode.Created);

        var writes = WriteEndpoints(_node).Where(w => !w.Open).ToList();
        Assert.True(writes.Count > 40, $"only {writes.Count} protected writes found: is the endpoint list complete?");
        var wrong = new List<string>();
        foreach (var (method, pattern, _) in writes)
        {
            foreach (var name in new[] { "summarize", "recommend", "batch", "login" })
            {
                var path = Fill(pattern, name) + $"?id={name}&model_id={name}&data_chef_id={name}&task_name={name}";
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
                using var response = await _node.Anonymous.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.Unauthorized || !IsUnauthorizedProblem(body, "changes data")
                    || response.Headers.WwwAuthenticate.ToString() != "Bearer")
                    wrong.Add($"{method} {path} → {(int)response.StatusCode} {response.Headers.WwwAuthenticate} {body}");
            }
        }

        Assert.True(wrong.Count == 0, "writes not refused without a token:\n" + string.Join('\n', wrong));
        await _node.Anonymous.Get("/api/v1/datasets/summarize");
        await _node.Anonymous.Get("/api/v1/models/summarize");
    }

    [Fact]
    public async Task Only_login_and_the_computing_serving_calls_are_open_and_they_work_without_a_token()
    {
        Assert.Equal(OpenWrites.Order(StringComparer.Ordinal), WriteEndpoints(_node).Where(w => w.Open).Select(w => $"{w.Method} {w.Pattern}").Order(StringComparer.Ordinal));

        await _node.Anonymous.Post("/api/v1/auth/login", new { username = ApiNode.AdminUser, password = ApiNode.AdminPassword });
        await _admin.ImportRatings("ratings");
        await _admin.Post("/api/v1/models", new { id = "recommend", algorithm = "popularity", dataset_id = "ratings" }, HttpStatusCode.Created);
        await _admin.Post("/api/v1/models/recommend/versions", new { }, HttpStatusCode.Accepted);
        await _admin.Post("/api/v1/datasets", new { id = "news", kind = "text-pairs" }, HttpStatusCode.Created);
        var pairs = Enumerable.Range(0, 12).Select(i => new { document = $"Story {i} opens here. It goes on at length.", summary = $"Story {i} opens here." });
        await _admin.Post("/api/v1/datasets/news/samples", new { samples = pairs }, HttpStatusCode.Created);
        await _admin.Post("/api/v1/models", new { id = "summarize", algorithm = "lead-k", dataset_id = "news", hyperparameters = new { k = 1 } }, HttpStatusCode.Created);
        await _admin.Post("/api/v1/models/summarize/versions", new { }, HttpStatusCode.Accepted);
        await _admin.WaitForVersion("recommend", "v1");
        await _admin.WaitForVersion("summarize", "v1");

        var batch = await _node.Anonymous.Post("/api/v1/models/recommend/recommend/batch", new { user_ids = new[] { "u1", "u2" }, n = 3 });
        Assert.Equal(2, batch["results"]!.AsArray().Count);
        var one = await _node.Anonymous.Post("/api/v1/summarize", new { model_id = "summarize", text = "First sentence. Second sentence." });
        Assert.Equal("First sentence.", one["summary"]!.GetValue<string>().Trim());
        var many = await _node.Anonymous.Post("/api/v1/models/summarize/summarize", new { texts = new[] { "One. Two.", "Alpha. Beta." } });
        Assert.Equal(2, many["summaries"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_signed_token_for_an_account_that_does_not_exist_or_without_its_stamp_is_refused()
    {
        // What someone holding the signing key (read from the database) could mint.
        var state = await _node.Services.GetRequiredService<IGrainFactory>().GetGrain<IAdminGrain>("default").Get();
        var key = Convert.FromBase64String(state.SigningKey!);
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        foreach (var payload in new object[]
                 {
                     new { sub = "ghost", exp }, new { sub = "ghost", exp, stamp = "AAAAAAAAAAAAAAAAAAAAAA" },
                     new { sub = ApiNode.AdminUser, exp }, new { sub = ApiNode.AdminUser, exp, stamp = "AAAAAAAAAAAAAAAAAAAAAA" },
                 })
        {
            using var forged = Client(_node, Sign(payload, key));
            var refused = await forged.Post("/api/v1/datasets", new { id = "forged", kind = "interactions" }, HttpStatusCode.Unauthorized);
            Assert.Contains("invalid or expired", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            await forged.Get("/api/v1/auth/accounts", HttpStatusCode.Unauthorized);
        }

        await _node.Anonymous.Get("/api/v1/datasets/forged", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_stops_working_when_its_account_is_removed()
    {
        await _admin.Post("/api/v1/auth/accounts", new { username = "second", password = "second's password" }, HttpStatusCode.Created);
        using var second = await LoginAsync(_node, "second", "second's password");
        await second.Post("/api/v1/datasets", new { id = "by-second", kind = "interactions" }, HttpStatusCode.Created);
        Assert.Equal("second", (await _node.Anonymous.Get("/api/v1/datasets/by-second"))["created_by"]!.GetValue<string>());

        var removed = await _admin.Send(HttpMethod.Delete, "/api/v1/auth/accounts/second", null, HttpStatusCode.OK);
        Assert.Equal("second", removed["username"]!.GetValue<string>());
        var refused = await second.Post("/api/v1/datasets", new { id = "after-removal", kind = "interactions" }, HttpStatusCode.Unauthorized);
        Assert.Contains("invalid or expired", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await _node.Anonymous.Post("/api/v1/auth/login", new { username = "second", password = "second's password" }, HttpStatusCode.Unauthorized);
        var unknown = await _admin.Send(HttpMethod.Delete, "/api/v1/auth/accounts/second", null, HttpStatusCode.NotFound);
        Assert.Contains("second", unknown["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await _node.Anonymous.Send(HttpMethod.Delete, "/api/v1/auth/accounts/admin", null, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_stops_working_when_its_password_is_replaced()
    {
        await _admin.Post("/api/v1/auth/accounts", new { username = "second", password = "the first password" }, HttpStatusCode.Created);
        using var before = await LoginAsync(_node, "second", "the first password");
        await before.Get("/api/v1/auth/accounts");

        // The same password again still ends the old tokens: a replaced account is a new one.
        await _admin.Post("/api/v1/auth/accounts", new { username = "second", password = "the first password" }, HttpStatusCode.Created);
        await before.Get("/api/v1/auth/accounts", HttpStatusCode.Unauthorized);
        await _admin.Post("/api/v1/auth/accounts", new { username = "second", password = "a new password" }, HttpStatusCode.Created);
        await _node.Anonymous.Post("/api/v1/auth/login", new { username = "second", password = "the first password" }, HttpStatusCode.Unauthorized);
        using var after = await LoginAsync(_node, "second", "a new password");
        await after.Post("/api/v1/datasets", new { id = "after-change", kind = "interactions" }, HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_last_account_cannot_be_removed()
    {
        var refused = await _admin.Send(HttpMethod.Delete, "/api/v1/auth/accounts/admin", null, HttpStatusCode.Conflict);
        Assert.Contains("last admin account", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await _admin.Get("/api/v1/auth/accounts");

        await _admin.Post("/api/v1/auth/accounts", new { username = "second", password = "second's password" }, HttpStatusCode.Created);
        using var second = await LoginAsync(_node, "second", "second's password");
        await second.Send(HttpMethod.Delete, "/api/v1/auth/accounts/admin", null, HttpStatusCode.OK);
        await _admin.Get("/api/v1/auth/accounts", HttpStatusCode.Unauthorized);
        var left = await second.Get("/api/v1/auth/accounts");
        Assert.Equal(["second"], left.AsArray().Select(a => a!["username"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Listing_accounts_needs_a_token_even_when_reads_are_open()
    {
        var refused = await _node.Anonymous.Get("/api/v1/auth/accounts", HttpStatusCode.Unauthorized);
        Assert.Equal(401, refused["status"]!.GetValue<int>());
        Assert.Contains("Reading this needs an admin token", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await _node.Anonymous.Get("/api/v1/models");
        var accounts = await _admin.Get("/api/v1/auth/accounts");
        Assert.Equal([ApiNode.AdminUser], accounts.AsArray().Select(a => a!["username"]!.GetValue<string>()));
        Assert.DoesNotContain("hash", accounts.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_grain_inspector_needs_a_token_even_when_reads_are_open_so_account_names_stay_private()
    {
        foreach (var path in new[] { "/api/v1/grains", "/api/v1/grains/Admin", "/api/v1/grains/Admin/default" })
        {
            var refused = await _node.Anonymous.Get(path, HttpStatusCode.Unauthorized);
            Assert.Equal(401, refused["status"]!.GetValue<int>());
            Assert.Null(refused["accounts"]);
        }

        var types = (await _admin.Get("/api/v1/grains")).AsArray().Select(t => t!["type"]!.GetValue<string>());
        Assert.Contains("Admin", types);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_for_one_account_back_off_with_429_and_Retry_After()
    {
        await using var owned = await StartAsync(new() { ["Httm:Auth:Login:FreeFailuresPerAccount"] = "3", ["Httm:Auth:Login:FreeFailuresPerClient"] = "100" });
        var node = owned.Node;
        using (var admin = await node.AdminAsync())
            await admin.Post("/api/v1/auth/accounts", new { username = "second", password = "second's password" }, HttpStatusCode.Created);

        foreach (var name in new[] { ApiNode.AdminUser, "nobody" })
        {
            for (var i = 0; i < 3; i++)
                await node.Anonymous.Post("/api/v1/auth/login", new { username = name, password = "wrong" }, HttpStatusCode.Unauthorized);
            // Waiting: even the right password is not tried; an unknown name waits like a known one.
            var wait = await ExpectBackOffAsync(node, name, name == ApiNode.AdminUser ? ApiNode.AdminPassword : "wrong", "user name");
            Assert.InRange(wait, 1, 2);
        }

        // Another account from the same client is not held up.
        (await LoginAsync(node, "second", "second's password")).Dispose();
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        (await LoginAsync(node, ApiNode.AdminUser, ApiNode.AdminPassword)).Dispose();
        // A correct login starts the account afresh.
        await node.Anonymous.Post("/api/v1/auth/login", new { username = ApiNode.AdminUser, password = "wrong" }, HttpStatusCode.Unauthorized);
        (await LoginAsync(node, ApiNode.AdminUser, ApiNode.AdminPassword)).Dispose();
    }

    [Fact]
    public async Task Repeated_failures_from_one_client_back_off_whatever_names_it_tries()
    {
        await using var owned = await StartAsync(new() { ["Httm:Auth:Login:FreeFailuresPerAccount"] = "100", ["Httm:Auth:Login:FreeFailuresPerClient"] = "4" });
        var node = owned.Node;
        for (var i = 0; i < 4; i++)
            await node.Anonymous.Post("/api/v1/auth/login", new { username = $"guess-{i}", password = "wrong" }, HttpStatusCode.Unauthorized);
        var wait = await ExpectBackOffAsync(node, ApiNode.AdminUser, ApiNode.AdminPassword, "address");
        await Task.Delay(TimeSpan.FromSeconds(wait + 0.1));
        (await LoginAsync(node, ApiNode.AdminUser, ApiNode.AdminPassword)).Dispose();
    }

    [Fact]
    public async Task With_protected_reads_reads_need_a_token_but_the_dashboard_and_the_OpenAPI_document_do_not()
    {
        await using var owned = await StartAsync(new() { ["Httm:Auth:ProtectReads"] = "true" });
        var node = owned.Node;
        var refused = await node.Anonymous.Get("/api/v1/models", HttpStatusCode.Unauthorized);
        Assert.Contains("Reading this needs an admin token", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await node.Anonymous.Get("/get_scheduler_status", HttpStatusCode.Unauthorized);
        foreach (var open in new[] { "/openapi/v1.json", "/dashboard", "/dashboard/index.html", "/dashboard/js/api.js", "/swagger/index.html" })
        {
            using var response = await node.Anonymous.GetAsync(open);
            Assert.True(response.IsSuccessStatusCode, $"{open}: {(int)response.StatusCode}");
        }

        using var admin = await node.AdminAsync();
        await admin.Get("/api/v1/models");
    }

    [Fact]
    public async Task Login_limits_that_make_no_sense_stop_the_node_at_start_up()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartAsync(new() { ["Httm:Auth:Login:BaseDelay"] = "00:00:10", ["Httm:Auth:Login:MaxDelay"] = "00:00:01" }));
        Assert.Contains("MaxDelay", error.Message, StringComparison.Ordinal);
    }

    private static async Task<int> ExpectBackOffAsync(ApiNode node, string username, string password, string who)
    {
        using var response = await node.Anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username, password });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{username}: {(int)response.StatusCode} {body}");
        Assert.Equal(429, body["status"]!.GetValue<int>());
        Assert.Contains(who, body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var wait = response.Headers.RetryAfter?.Delta ?? throw new Xunit.Sdk.XunitException("no Retry-After header");
        Assert.Contains($"{(int)wait.TotalSeconds} s", body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        return (int)wait.TotalSeconds;
    }

    /// <summary>A node with short back-off delays (and <paramref name="settings"/>) on its own SQLite file.</summary>
    private static async Task<OwnedNode> StartAsync(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Httm:Auth:Login:BaseDelay", "00:00:01");
        settings.TryAdd("Httm:Auth:Login:MaxDelay", "00:00:02");
        var database = TestDatabases.CreateSqlite();
        try
        {
            return new OwnedNode(await ApiNode.StartOnAsync(database, settings), database);
        }
        catch
        {
            TestDatabases.DropSqlite(database);
            throw;
        }
    }

    private sealed record OwnedNode(ApiNode Node, string Database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Node.DisposeAsync();
            TestDatabases.DropSqlite(Database);
        }
    }

    private static async Task<HttpClient> LoginAsync(ApiNode node, string username, string password)
    {
        var login = await node.Anonymous.Post("/api/v1/auth/login", new { username, password });
        return Client(node, login["access_token"]!.GetValue<string>());
    }

    private static HttpClient Client(ApiNode node, string token)
    {
        var client = new HttpClient { BaseAddress = node.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Sign(object payload, byte[] key)
    {
        var body = Base64Url(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(payload));
        return body + "." + Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(body)));
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static bool IsUnauthorizedProblem(string body, string detail)
    {
        try
        {
            var problem = JsonNode.Parse(body);
            return problem?["status"]?.GetValue<int>() == 401 && problem["title"]?.GetValue<string>() == "Unauthorized"
                && problem["detail"]?.GetValue<string>().Contains(detail, StringComparison.Ordinal) == true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>Every route that writes (any method but GET/HEAD), whether it is open, from the app's own endpoint list.</summary>
    private static List<(string Method, string Pattern, bool Open)> WriteEndpoints(ApiNode node)
    {
        var list = new List<(string, string, bool)>();
        foreach (var endpoint in node.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : ["POST"];
            var open = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            foreach (var method in methods.Where(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m)))
                list.Add((method, "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(Text)), open));
        }

        return list;

        static string Text(RoutePatternPathSegment segment) => string.Concat(segment.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => "{" + (parameter.IsCatchAll ? "**" : "") + parameter.Name + (parameter.ParameterPolicies.Count > 0 ? ":constrained" : "") + "}",
            _ => throw new InvalidOperationException($"unknown route part {p}"),
        }));
    }

    // A parameter with a constraint (a number) gets one that fits, so the request still reaches that route.
    private static string Fill(string pattern, string name) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", m => m.Value.EndsWith(":constrained}", StringComparison.Ordinal) ? "1" : name);
}
