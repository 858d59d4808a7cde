using System.Net;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>The recommend routes past the walk-through: named versions, filters, batch, similar items, deletion.</summary>
public sealed class ServingHttpTests
{
    [Fact]
    public async Task Recommend_routes_serve_named_versions_filters_batches_and_similar_items()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        await admin.ImportRatings("ratings");
        await admin.Post("/api/v1/models", new { id = "shop", algorithm = "als", dataset_id = "ratings", hyperparameters = new { factors = 8, iterations = 5 } }, HttpStatusCode.Created);
        foreach (var version in new[] { "v1", "v2" })
        {
            await admin.Post("/api/v1/models/shop/versions", new { version }, HttpStatusCode.Accepted);
            await admin.WaitForVersion("shop", version);
        }

        var api = node.Anonymous;
        const string Base = "/api/v1/models/shop";
        var active = await api.Get($"{Base}/recommend?user_id=u1&n=5");
        Assert.Equal("v1", active["version"]!.GetValue<string>()); // the first completed version activated itself
        Assert.Equal("v2", (await api.Get($"{Base}/recommend?user_id=u1&n=5&version=v2"))["version"]!.GetValue<string>());

        var seen = Http.RatingsCsv().Split('\n').Where(l => l.StartsWith("u1,", StringComparison.Ordinal)).Select(l => l.Split(',')[1]).ToHashSet();
        var everything = Items(await api.Get($"{Base}/recommend?user_id=u1&n=40&exclude_seen=false"));
        Assert.Equal(40, everything.Count); // seen items come back when exclusion is off
        Assert.Superset(seen, everything.ToHashSet());

        var unseen = Enumerable.Range(0, 40).Select(i => "i" + i).Where(i => !seen.Contains(i)).Take(3).ToList();
        var allowed = Items(await api.Get($"{Base}/recommend?user_id=u1&n=10&allow={string.Join(',', unseen.Concat(seen))}"));
        Assert.Equal(unseen.Order(), allowed.Order()); // only allowed items, and seen ones stay out
        var best = Items(active)[0];
        Assert.DoesNotContain(best, Items(await api.Get($"{Base}/recommend?user_id=u1&n=5&deny={best}")));

        var batch = await api.Post($"{Base}/recommend/batch", new { user_ids = new[] { "u1", "nobody" }, n = 5 });
        var results = batch["results"]!.AsArray();
        Assert.Equal(["u1", "nobody"], results.Select(r => r!["user_id"]!.GetValue<string>()));
        Assert.Equal(Items(active), Items(results[0]!));
        Assert.Null(results[0]!["fallback"]);
        Assert.Equal("popularity", results[1]!["fallback"]!.GetValue<string>());

        var similar = (await api.Get($"{Base}/similar?item_id=i1&n=4"))["items"]!.AsArray().Select(i => i!["item_id"]!.GetValue<string>()).ToList();
        Assert.Equal(4, similar.Count);
        Assert.DoesNotContain("i1", similar);
        var unknown = await api.Get($"{Base}/similar?item_id=no-such-item&n=4", HttpStatusCode.NotFound);
        Assert.Contains("no-such-item", unknown["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        await admin.Send(HttpMethod.Delete, "/api/v1/models/shop", null, HttpStatusCode.OK);
        await api.Post($"{Base}/recommend/batch", new { user_ids = new[] { "u1" } }, HttpStatusCode.NotFound);
        await api.Get($"{Base}/similar?item_id=i1", HttpStatusCode.NotFound);
        await api.Get($"{Base}/recommend?user_id=u1", HttpStatusCode.NotFound);
    }

    private static List<string> Items(JsonNode response) =>
        response["recommendations"]!.AsArray().Select(r => r!["item_id"]!.GetValue<string>()).ToList();
}
