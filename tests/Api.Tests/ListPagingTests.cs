using System.Net;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>Listings page through the store in key order.</summary>
public sealed class ListPagingTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Datasets_page_in_id_order_with_a_link_to_the_next_page(string provider)
    {
        await using var node = await ApiNode.StartAsync(provider);
        using var admin = await node.AdminAsync();
        foreach (var id in new[] { "d3", "d1", "d5", "d2", "d4" })
            await admin.Post("/api/v1/datasets", new { id, kind = "interactions" }, HttpStatusCode.Created);

        var seen = new List<string>();
        var next = "/api/v1/datasets?limit=2";
        var pages = 0;
        while (next is not null)
        {
            using var response = await node.Anonymous.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
            Assert.True(page.Count is >= 1 and <= 2, $"page {pages + 1} at {next}: {page.ToJsonString()}");
            seen.AddRange(page.Select(d => d!["id"]!.GetValue<string>()));
            next = response.Headers.TryGetValues("Link", out var links) ? links.Single().Split('<', '>')[1] : null;
            pages++;
        }

        Assert.Equal(["d1", "d2", "d3", "d4", "d5"], seen);
        Assert.Equal(3, pages);
        Assert.Equal(5, (await node.Anonymous.Get("/api/v1/datasets")).AsArray().Count);

        var refused = await node.Anonymous.Get("/api/v1/datasets?limit=0", HttpStatusCode.UnprocessableEntity);
        Assert.Contains("limit", refused.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grains_history_shows_its_newest_events_and_pages_on_from_a_cursor()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        foreach (var name in new[] { "u1", "u2", "u3" })
            await admin.Post("/api/v1/auth/accounts", new { username = name, password = name + "'s long password" }, HttpStatusCode.Created);
        const string grain = "/api/v1/grains/Admin/default";

        static List<string> Added(System.Text.Json.Nodes.JsonNode history) =>
        [
            .. history["events"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "account-added")
                .Select(e => e!["payload"]!.AsObject().Single(p => p.Key.Equals("username", StringComparison.OrdinalIgnoreCase)).Value!.GetValue<string>()),
        ];

        var all = await admin.Get(grain);
        Assert.Equal([ApiNode.AdminUser, "u1", "u2", "u3"], Added(all));
        Assert.False(all["events_older"]!.GetValue<bool>());
        var ids = all["events"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()).ToList();
        Assert.Equal(4, ids.Count);
        Assert.Equal(ids.Order(), ids);

        // Without a cursor the end of the history: a grain's journal keeps growing, and its latest events matter most.
        var newest = await admin.Get(grain + "?events_limit=2");
        Assert.Equal(["u2", "u3"], Added(newest));
        Assert.True(newest["events_older"]!.GetValue<bool>());
        Assert.False(newest["events_newer"]!.GetValue<bool>());

        var after = await admin.Get($"{grain}?events_after={ids[0]}&events_limit=2");
        Assert.Equal(["u1", "u2"], Added(after));
        Assert.True(after["events_newer"]!.GetValue<bool>());
        var last = await admin.Get($"{grain}?events_after={ids[^2]}");
        Assert.Equal(["u3"], Added(last));
        Assert.False(last["events_newer"]!.GetValue<bool>());

        foreach (var (query, field) in new[] { ("events_limit=0", "events_limit"), ("events_limit=5001", "events_limit"), ("events_after=-1", "events_after") })
        {
            var refused = await admin.Get($"{grain}?{query}", HttpStatusCode.UnprocessableEntity);
            Assert.Contains(field, refused.ToJsonString(), StringComparison.Ordinal);
        }
    }
}
