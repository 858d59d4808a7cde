using System.Net;
using System.Text.Json.Nodes;
using HttmOrleans.Cluster.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace HttmOrleans.Cluster.Tests.MultiProcess;

/// <summary>Two API node processes on one database racing on one model's registry.</summary>
[Collection(MultiProcessCollection.Name)]
public sealed class RegistryRaceTests(ITestOutputHelper output)
{
    private const string Model = "shop";
    private const int Requests = 200;

    [Fact]
    public async Task Two_hundred_concurrent_activations_through_two_API_nodes_leave_one_active_version_both_nodes_agree_on()
    {
        await using var cluster = await ProcessCluster.CreateAsync(output);
        var nodes = new[] { await cluster.StartApiAsync("api-1", "cpu"), await cluster.StartApiAsync("api-2", "cpu") };
        await ProcessCluster.WaitForActiveAsync(nodes[0].Admin, ["api-1", "api-2"], TimeSpan.FromSeconds(120));
        await Scenario.ImportRatingsAsync(nodes[0].Admin);
        await Scenario.CreateModelAsync(nodes[0].Admin, Model, "popularity", new { });
        string[] versions = ["v1", "v2"];
        foreach (var version in versions)
        {
            await Scenario.StartVersionAsync(nodes[0].Admin, Model, version);
            var ended = await Scenario.EndedAsync(nodes[0].Admin, Model, version, TimeSpan.FromSeconds(90), []);
            Assert.True(ended.Text("status") == "completed", ended.ToJsonString());
        }

        // Every pair of (node, version) in turn, all at once.
        var calls = Enumerable.Range(0, Requests).Select(async i =>
        {
            var version = versions[i % 2];
            var node = nodes[i / 2 % 2];
            var body = await node.Admin.Post($"/api/v1/models/{Model}/registry/activate", new { version }, HttpStatusCode.OK);
            return (Version: version, Registry: body);
        }).ToList();
        var answers = await Task.WhenAll(calls);

        var registries = new List<JsonNode>();
        foreach (var node in nodes) registries.Add(await node.Admin.Get($"/api/v1/models/{Model}/registry"));
        Assert.Equal(registries[0].ToJsonString(), registries[1].ToJsonString());
        var registry = registries[0];
        var active = registry.Text("active_version");
        Assert.Contains(active, versions);
        var history = registry["history"]!.AsArray().Select(e => e!).ToList();
        output.WriteLine($"{Requests} activations: {history.Count - 1} changes, {active} active");

        // v1 became active when it completed; every later entry is a real change from the one before.
        Assert.Equal("v1", history[0].Text("version"));
        Assert.Equal("auto-activate", history[0].Text("action"));
        Assert.Null(history[0]["previous"]?.GetValue<string>());
        for (var i = 1; i < history.Count; i++)
        {
            Assert.Equal(history[i - 1].Text("version"), history[i].Text("previous"));
            Assert.NotEqual(history[i].Text("previous"), history[i].Text("version"));
            Assert.Equal("activate", history[i].Text("action"));
            Assert.Equal(ProcessCluster.AdminUser, history[i].Text("by"));
        }

        Assert.Equal(active, history[^1].Text("version"));
        Assert.InRange(history.Count, 2, Requests + 1);
        // Each answer is the registry just after its own activation: a prefix of the final history ending in the version it asked for.
        foreach (var (version, answer) in answers)
        {
            Assert.Equal(version, answer.Text("active_version"));
            var seen = answer["history"]!.AsArray();
            Assert.Equal(version, seen[^1]!.Text("version"));
            for (var i = 0; i < seen.Count; i++) Assert.Equal(history[i].ToJsonString(), seen[i]!.ToJsonString());
        }

        // The serving side of both nodes names the same active version.
        foreach (var node in nodes)
        {
            var served = await Http.Until(() => node.Admin.Get($"/api/v1/models/{Model}/registry/active"),
                a => a.Text("active_version") == active, TimeSpan.FromSeconds(10), $"{node.Id} to serve {active}");
            Assert.Equal(active, served["version"]!.Text("version"));
        }
    }
}
