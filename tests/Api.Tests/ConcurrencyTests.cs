using System.Net;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;

namespace HttmOrleans.Api.Tests;

public sealed class ConcurrencyTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task One_model_trained_twice_at_once_yields_two_distinct_versions(string provider)
    {
        await using var node = await ApiNode.StartAsync(provider);
        using var admin = await node.AdminAsync();
        await admin.ImportRatings("ratings");
        await admin.Post("/api/v1/models", new { id = "m", algorithm = "popularity", dataset_id = "ratings" }, HttpStatusCode.Created);

        var both = await Task.WhenAll(
            admin.Post("/api/v1/models/m/versions", new { }, HttpStatusCode.Accepted),
            admin.Post("/api/v1/models/m/versions", new { }, HttpStatusCode.Accepted));
        var names = both.Select(v => v["version"]!.GetValue<string>()).ToList();
        Assert.Equal(2, names.Distinct().Count());
        foreach (var name in names) await admin.WaitForVersion("m", name);

        // A named version is unique per model.
        await admin.Post("/api/v1/models/m/versions", new { version = names[0] }, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Two_hundred_concurrent_activations_over_five_versions_leave_one_active_and_a_consistent_history(string provider)
    {
        await using var node = await ApiNode.StartAsync(provider);
        using var admin = await node.AdminAsync();
        await admin.ImportRatings("ratings");
        await admin.Post("/api/v1/models", new { id = "m", algorithm = "popularity", dataset_id = "ratings" }, HttpStatusCode.Created);
        var versions = Enumerable.Range(1, 5).Select(i => "r" + i).ToArray();
        foreach (var v in versions) await admin.Post("/api/v1/models/m/versions", new { version = v }, HttpStatusCode.Accepted);
        foreach (var v in versions) await admin.WaitForVersion("m", v);

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            admin.Post("/api/v1/models/m/registry/activate", new { version = versions[i % 5] })));
        Assert.All(answers, a => Assert.Contains(a["active_version"]!.GetValue<string>(), versions));

        var registry = await node.Anonymous.Get("/api/v1/models/m/registry");
        var active = registry["active_version"]!.GetValue<string>();
        var history = registry["history"]!.AsArray().Select(h => h!).ToList();
        Assert.Equal(active, history[^1]["version"]!.GetValue<string>());
        for (var i = 1; i < history.Count; i++)
        {
            // Every change replaced exactly the version the previous change installed.
            Assert.Equal(history[i - 1]["version"]!.GetValue<string>(), history[i]["previous"]!.GetValue<string>());
            Assert.NotEqual(history[i]["previous"]!.GetValue<string>(), history[i]["version"]!.GetValue<string>());
        }

        var served = await node.Anonymous.Get("/api/v1/models/m/recommend?user_id=u1&n=3");
        Assert.Equal(active, served["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Activating_a_version_that_is_not_completed_is_a_conflict_and_rollback_goes_back()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        await admin.ImportRatings("ratings");
        await admin.Post("/api/v1/models", new { id = "m", algorithm = "popularity", dataset_id = "ratings" }, HttpStatusCode.Created);
        await admin.Post("/api/v1/models/m/registry/rollback", null, HttpStatusCode.Conflict);
        await admin.Post("/api/v1/models/m/versions", new { version = "a" }, HttpStatusCode.Accepted);
        await admin.WaitForVersion("m", "a");
        await admin.Post("/api/v1/models/m/versions", new { version = "b" }, HttpStatusCode.Accepted);
        await admin.WaitForVersion("m", "b");
        Assert.Equal("a", (await node.Anonymous.Get("/api/v1/models/m/registry"))["active_version"]!.GetValue<string>()); // first completed auto-activates

        await admin.Post("/api/v1/models/m/registry/activate", new { version = "b" });
        var back = await admin.Post("/api/v1/models/m/registry/rollback", null);
        Assert.Equal("a", back["active_version"]!.GetValue<string>());
        Assert.Equal("rollback", back["history"]!.AsArray()[^1]!["action"]!.GetValue<string>());
        await admin.Post("/api/v1/models/m/registry/activate", new { version = "zzz" }, HttpStatusCode.NotFound);
    }
}
