using System.Globalization;
using System.Text.Json.Nodes;
using HttmOrleans.Cluster.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace HttmOrleans.Cluster.Tests.MultiProcess;

/// <summary>
/// Runs a task missed while the whole cluster was down happen once when it is back, then the schedule
/// realigns: the task's next_run decides, the Orleans reminder is only the clock that wakes it.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class TaskRecoveryTests(ITestOutputHelper output)
{
    private const int Interval = 4;

    [Fact]
    public async Task Runs_missed_while_the_cluster_was_down_happen_once_on_recovery_then_the_schedule_realigns()
    {
        await using var cluster = await ProcessCluster.CreateAsync(output);
        var before = await cluster.StartApiAsync("api-1", "cpu");
        await Scenario.ImportRatingsAsync(before.Admin);
        await Scenario.CreateModelAsync(before.Admin, "recovering", "popularity", new { });
        await before.Admin.Post("/api/v1/tasks", new { name = "recovering", model_id = "recovering", interval = Interval }, System.Net.HttpStatusCode.Created);
        await Http.Until(() => before.Admin.Get("/api/v1/tasks/recovering"), t => t["history"]!.AsArray().Count >= 2, TimeSpan.FromSeconds(90), "two runs before the outage");

        before.Process.Terminate();
        Assert.Equal(0, await before.Process.WaitForExitAsync(HostRun.RefusalBound));
        // Down for more than three intervals: three runs are missed.
        await Task.Delay(TimeSpan.FromSeconds(Interval * 3 + 2));
        var back = await cluster.StartApiAsync("api-2", "cpu");
        var restartedAt = DateTimeOffset.UtcNow;

        var task = await Http.Until(() => back.Admin.Get("/api/v1/tasks/recovering"), t => Scheduled(t, restartedAt).Count >= 3,
            TimeSpan.FromSeconds(120), "three scheduled ticks after the restart");
        var ticks = Scheduled(task, restartedAt);
        output.WriteLine("ticks after the restart: " + string.Join(", ", ticks.Select(t => $"+{(t - restartedAt).TotalSeconds:0.0}s")));
        // The missed runs collapse into the first tick; the next come one interval apart, never in a burst.
        for (var i = 1; i < ticks.Count; i++)
            Assert.True((ticks[i] - ticks[i - 1]).TotalSeconds >= Interval - 1.5, $"ticks {i - 1} and {i} {(ticks[i] - ticks[i - 1]).TotalSeconds:0.0} s apart");
        var next = DateTimeOffset.Parse(task["next_run"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(next - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(-2), TimeSpan.FromSeconds(Interval + 1));
    }

    /// <summary>When each scheduled tick after <paramref name="since"/> started a run or was skipped, in order.</summary>
    private static List<DateTimeOffset> Scheduled(JsonNode task, DateTimeOffset since)
    {
        var runs = task["history"]!.AsArray().Select(r => r!).Append(task["current"]).Where(r => r is not null && r.Text("trigger") == "schedule");
        return [.. runs.Select(r => DateTimeOffset.Parse(r!.Text("started_at"), CultureInfo.InvariantCulture)).Where(t => t >= since).Order()];
    }
}
