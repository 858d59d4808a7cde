using System.Diagnostics;
using System.Text.Json.Nodes;
using HttmOrleans.Cluster.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace HttmOrleans.Cluster.Tests.MultiProcess;

/// <summary>
/// A task's 1 s clock (an Orleans reminder on the ADO.NET table) across a cluster of real processes
/// while a silo is killed. Orleans hands the dead silo's reminder range to a live silo once the silo
/// is declared dead (~1–3 s here) and that silo reads the range from the table at once; the grain
/// itself is activated again wherever placement puts it. A tick is recorded in the task's history as a
/// run start or, while the previous run still goes, a skip; the task's next_run decides, so a tick
/// delivered twice (two silos briefly owning the range) runs once.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class TaskClockTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    /// <summary>Failure detection (~1–3 s), the range handover and reactivation, one period, and slack for two loaded cores.</summary>
    private const double MaxGapSeconds = 6;

    [Fact]
    public async Task A_one_second_task_ticks_once_per_second_for_30_s_while_a_silo_is_killed_in_the_middle()
    {
        await using var cluster = await ProcessCluster.CreateAsync(output);
        var silos = new Dictionary<string, NodeProcess> { ["silo-1"] = cluster.StartSilo("silo-1"), ["silo-2"] = cluster.StartSilo("silo-2") };
        var api = await cluster.StartApiAsync("api-1", "api");
        await ProcessCluster.WaitForActiveAsync(api.Admin, ["api-1", .. silos.Keys], TimeSpan.FromSeconds(120));
        await Scenario.ImportRatingsAsync(api.Admin);
        await Scenario.CreateModelAsync(api.Admin, "quick", "popularity", new { });
        // Warm the trainers (first run JIT) so the clock is not measured against a cold start.
        await Scenario.StartVersionAsync(api.Admin, "quick", "warm");
        await Scenario.EndedAsync(api.Admin, "quick", "warm", TimeSpan.FromSeconds(90), []);

        var created = await api.Admin.Post("/api/v1/tasks", new { name = "every-second", model_id = "quick", interval = 1 }, System.Net.HttpStatusCode.Created);
        var clock = Stopwatch.StartNew();
        var createdAt = DateTimeOffset.Parse(created.Text("created_at"), System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(Window / 2);
        var victim = await VictimAsync(api, silos);
        var killedAt = DateTimeOffset.UtcNow;
        silos[victim].Kill();
        output.WriteLine($"killed {victim} at +{(killedAt - createdAt).TotalSeconds:0.0} s");
        await Task.Delay(Window - clock.Elapsed + TimeSpan.FromSeconds(2));

        var task = await Http.Until(async () => (await api.Admin.TryGet("/api/v1/tasks/every-second")).Body, t => t is not null,
            TimeSpan.FromSeconds(20), "the task");
        var runs = task!["history"]!.AsArray().Select(r => r!).Concat(task["current"] is JsonObject current ? [current] : []).ToList();
        var ticks = runs.Where(r => r.Text("trigger") == "schedule")
            .Select(r => DateTimeOffset.Parse(r.Text("started_at"), System.Globalization.CultureInfo.InvariantCulture))
            .Where(t => t <= createdAt + Window).Order().ToList();
        var nextRun = DateTimeOffset.Parse(task.Text("next_run"), System.Globalization.CultureInfo.InvariantCulture);
        if (task["current"]?["version"]?.GetValue<string>() is { } going)
        {
            // A run still going at the end: what its version and job say, for the failure message.
            output.WriteLine($"current run's version: {(await api.Admin.Get($"/api/v1/models/quick/versions/{going}")).ToJsonString()}");
            output.WriteLine($"its events: {string.Join(" | ", (await Scenario.EventsOfAsync(api.Admin, "quick", going)).Select(e => e.ToJsonString()))}");
            output.WriteLine($"jobs: {(await api.Admin.Get("/api/v1/jobs")).AsArray().Where(j => j!["owner"]!.Text("key") == "quick/" + going).Select(j => j!.ToJsonString()).FirstOrDefault() ?? "none"}");
        }

        foreach (var run in runs) output.WriteLine($"  {run.Text("trigger"),-8} {run.Text("status"),-10} +{(DateTimeOffset.Parse(run.Text("started_at"), System.Globalization.CultureInfo.InvariantCulture) - createdAt).TotalSeconds:0.00} s {run.Text("version")}");

        // The schedule is a grid of whole seconds from creation (next_run lies on it); a tick serves the due
        // time at most a quarter period after it, so two ticks in one slot would be one due time run twice.
        var slots = ticks.Select(t => (long)Math.Floor((t - nextRun).TotalSeconds + 0.25)).ToList();
        Assert.True(slots.Distinct().Count() == slots.Count, $"two ticks for one due time: {string.Join(", ", ticks.Select(t => (t - createdAt).TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}");
        var times = ticks.Prepend(createdAt).ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        var widest = gaps.Max();
        output.WriteLine($"{ticks.Count} ticks in {Window.TotalSeconds} s; widest gap {widest:0.00} s");
        Assert.True(widest <= MaxGapSeconds, $"a gap of {widest:0.00} s (bound {MaxGapSeconds} s)");
        // Every second of the window ticked, except those lost to the kill (at most the widest gap).
        Assert.InRange(ticks.Count, (int)(Window.TotalSeconds - MaxGapSeconds - 1), (int)Window.TotalSeconds);
        // The API node advertises only 'api': none of the task's trainings ran there.
        var trainedOn = (await api.Admin.Get("/api/v1/models/quick/versions")).AsArray().Select(v => v!.Text("silo")).Distinct().ToList();
        output.WriteLine("trained on " + string.Join(", ", trainedOn));
        Assert.DoesNotContain("api-1", trainedOn);
        // Still training after the kill: a run started after it ended completed.
        Assert.Contains(runs, r => r.Text("status") == "completed"
            && DateTimeOffset.Parse(r.Text("started_at"), System.Globalization.CultureInfo.InvariantCulture) > killedAt);
    }

    /// <summary>
    /// The silo process to kill, found through the Orleans dashboard's counters: the one holding the
    /// model grain (every tick's run starts by calling it, so ticks in the failure-detection window call
    /// a dead silo), else the one holding the task grain (its clock moves), else the one training.
    /// </summary>
    private async Task<string> VictimAsync(ApiProcess api, Dictionary<string, NodeProcess> silos)
    {
        var members = (await api.Admin.Get("/api/v1/silos")).AsArray().Select(s => s!).ToList();
        var (status, counters, _) = await api.Admin.TryGet("/orleans/DashboardCounters");
        if (counters is null) output.WriteLine($"dashboard counters: {(int)status}");
        foreach (var grain in new[] { "HttmOrleans.Grains.ModelGrain", "HttmOrleans.Grains.TrainingTaskGrain" })
        {
            var stats = counters is null ? [] : Objects(counters).Where(o => o["grainType"]?.ToString() == grain
                && o["activationCount"]?.GetValue<int>() > 0).ToList();
            foreach (var stat in stats)
            {
                var address = stat["siloAddress"]?.ToString() ?? "";
                var holder = members.FirstOrDefault(m => address.StartsWith(m.Text("address") + "@", StringComparison.Ordinal))?.Text("id");
                output.WriteLine($"{grain} on {holder ?? address}");
                if (holder is not null && silos.ContainsKey(holder)) return holder;
            }
        }

        var task = await api.Admin.Get("/api/v1/tasks/every-second");
        var training = task["current"]?["version"]?.GetValue<string>() is { } version ? (await Scenario.VersionAsync(api.Admin, "quick", version)).Text("silo") : "";
        return silos.ContainsKey(training) ? training : silos.Keys.First();
    }

    private static IEnumerable<JsonObject> Objects(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : Objects(p.Value)).Prepend(o),
        JsonArray a => a.SelectMany(e => e is null ? [] : Objects(e)),
        _ => [],
    };
}
