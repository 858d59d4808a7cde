using System.Diagnostics;
using System.Text.Json.Nodes;
using HttmOrleans.Cluster.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace HttmOrleans.Cluster.Tests.MultiProcess;

/// <summary>
/// Trainings on a cluster of real processes (an API node that advertises only <c>api</c>, so no
/// training is placed on it, and two <c>cpu</c> silos) when the silo running one dies or stops.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class TrainingFailoverTests(ITestOutputHelper output)
{
    private const string Model = "slow";

    /// <summary>From the kill to the end of the run elsewhere: failure detection (~1–3 s), one watchdog tick (2 s), a whole run again.</summary>
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan ClusterBound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_training_whose_silo_is_killed_completes_on_the_other_silo_five_rounds_running()
    {
        await using var cluster = await ProcessCluster.CreateAsync(output);
        var (api, silos) = await StartAsync(cluster);
        var next = 3;
        for (var round = 1; round <= 5; round++)
        {
            await ProcessCluster.WaitForActiveAsync(api.Admin, [api.Id, .. silos.Keys], ClusterBound);
            var version = $"v{round}";
            var victim = await TrainingSiloAsync(api, silos, version);
            var survivor = silos.Keys.Single(k => k != victim);
            var clock = Stopwatch.StartNew();

            silos[victim].Kill();

            var failures = new List<string>();
            var ended = await Scenario.EndedAsync(api.Admin, Model, version, TakeoverBound, failures);
            output.WriteLine($"round {round}: {victim} killed, {version} {ended.Text("status")} on {ended.Text("silo")} {clock.Elapsed.TotalSeconds:0.0} s later (run {ended["training_duration"]} s)");
            ReportFailedPolls(failures);
            AssertCompletedOn(ended, survivor, attempt: 2, cluster);
            var job = await Scenario.JobOfAsync(api.Admin, Model, version);
            Assert.Equal(2, job["attempts"]!.GetValue<int>());
            Assert.Equal(0, job["handovers"]!.GetValue<int>());
            Assert.Equal("succeeded", job.Text("status"));
            Assert.DoesNotContain(await Scenario.EventsOfAsync(api.Admin, Model, version), e => e.Text("type") == "handed-over");

            // A fresh process replaces the dead one, so every round kills a silo of a healthy two.
            silos.Remove(victim);
            var fresh = $"silo-{next++}";
            silos[fresh] = cluster.StartSilo(fresh);
        }
    }

    [Fact]
    public async Task A_training_whose_silo_stops_gracefully_is_handed_over_and_completes_elsewhere_without_a_failed_attempt()
    {
        await using var cluster = await ProcessCluster.CreateAsync(output);
        var (api, silos) = await StartAsync(cluster);
        var victim = await TrainingSiloAsync(api, silos, "v1");
        var survivor = silos.Keys.Single(k => k != victim);
        var clock = Stopwatch.StartNew();

        silos[victim].Terminate();

        Assert.Equal(0, await silos[victim].WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var failures = new List<string>();
        var ended = await Scenario.EndedAsync(api.Admin, Model, "v1", TakeoverBound, failures);
        ReportFailedPolls(failures);
        output.WriteLine($"{victim} stopped, v1 {ended.Text("status")} on {ended.Text("silo")} {clock.Elapsed.TotalSeconds:0.0} s later");
        AssertCompletedOn(ended, survivor, attempt: 2, cluster);
        var events = await Scenario.EventsOfAsync(api.Admin, Model, "v1");
        var handover = Assert.Single(events, e => e.Text("type") == "handed-over");
        Assert.Equal(victim, handover["payload"]!.Text("from"));
        Assert.Equal(2, handover["payload"]!["attempt"]!.GetValue<int>());
        var job = await Scenario.JobOfAsync(api.Admin, Model, "v1");
        // Two attempts, one of them handed over: none failed (a failed one would have used up the last attempt).
        Assert.Equal(2, job["attempts"]!.GetValue<int>());
        Assert.Equal(1, job["handovers"]!.GetValue<int>());
        Assert.Equal("succeeded", job.Text("status"));
        Assert.DoesNotContain("lost", ended.Text("message"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Requests that needed a grain of the dead silo fail until it is declared dead (the API answers
    /// 500 for the OrleansMessageRejectionException today); they must stop within failure detection.
    /// </summary>
    private void ReportFailedPolls(List<string> failures)
    {
        foreach (var failure in failures) output.WriteLine("  poll failed at " + failure);
        var last = failures.Select(f => double.Parse(f[..f.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        Assert.True(last < 10, $"requests still failed {last} s after the silo went: {string.Join("; ", failures)}");
    }

    private static async Task<(ApiProcess Api, Dictionary<string, NodeProcess> Silos)> StartAsync(ProcessCluster cluster)
    {
        var silos = new Dictionary<string, NodeProcess> { ["silo-1"] = cluster.StartSilo("silo-1"), ["silo-2"] = cluster.StartSilo("silo-2") };
        var api = await cluster.StartApiAsync("api-1", "api");
        await ProcessCluster.WaitForActiveAsync(api.Admin, [api.Id, .. silos.Keys], ClusterBound);
        await Scenario.ImportRatingsAsync(api.Admin);
        await Scenario.CreateModelAsync(api.Admin, Model, "bpr", Scenario.SlowBpr);
        return (api, silos);
    }

    /// <summary>Starts the version and returns the silo it trains on once it reports progress there.</summary>
    private static async Task<string> TrainingSiloAsync(ApiProcess api, Dictionary<string, NodeProcess> silos, string version)
    {
        await Scenario.StartVersionAsync(api.Admin, Model, version);
        var training = await Http.Until(() => Scenario.VersionAsync(api.Admin, Model, version),
            v => v.Text("status") == "training" || Scenario.IsFinal(v), TimeSpan.FromSeconds(60), $"{Model}/{version} to train");
        var silo = training.Text("silo");
        Assert.True(training.Text("status") == "training", $"{version} ended before its silo could be stopped: {training.ToJsonString()}");
        // The API node advertises only 'api': a training placed there breaks capability placement.
        Assert.True(silos.ContainsKey(silo), $"{version} trains on '{silo}', not on a cpu silo ({string.Join(", ", silos.Keys)})");
        return silo;
    }

    private static void AssertCompletedOn(JsonNode ended, string survivor, int attempt, ProcessCluster cluster)
    {
        Assert.True(ended.Text("status") == "completed", $"ended {ended.ToJsonString()}\n{cluster.Logs()}");
        Assert.Equal(survivor, ended.Text("silo"));
        Assert.Equal(survivor, ended["details"]!.Text("silo"));
        Assert.Equal(attempt.ToString(System.Globalization.CultureInfo.InvariantCulture), ended["details"]!.Text("attempt"));
        Assert.Equal(100, ended["progress"]!.GetValue<double>());
    }
}
