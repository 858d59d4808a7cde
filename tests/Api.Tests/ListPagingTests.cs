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
}
