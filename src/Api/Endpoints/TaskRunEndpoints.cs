using HttmOrleans.Grains;
using HttmOrleans.Grains.Tasks;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// One task's run history as a scheduler UI wants it (Airflow's grid): newest first, with durations,
/// outcome counts and the task's true state given the cluster-wide scheduler switch.
/// </summary>
internal static class TaskRunEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/tasks/{name}/runs", async (string name, int? limit, IGrainFactory grains) =>
        {
            var task = await TaskEndpoints.Require(grains, name);
            var scheduler = await grains.GetGrain<ISchedulerGrain>(SchedulerGrain.Key).Get();
            var runs = Enumerable.Reverse(task.History).Take(Math.Clamp(limit ?? 50, 1, 100)).ToList();
            var now = DateTimeOffset.UtcNow;
            return new
            {
                task = task.Name,
                state = StateOf(task, scheduler),
                next_run = NextRunOf(task, scheduler),
                runs_started = task.RunCounter,
                // Over the runs kept (the last 100): enough to see a pattern, bounded like the history.
                counts = task.History.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                failed = task.History.Count(r => r.Status == "failed"),
                failing_in_a_row = task.History.AsEnumerable().Reverse().TakeWhile(r => r.Status == "failed").Count(),
                current = task.Current is { } c ? Row(c, now) : null,
                runs = runs.Select(r => Row(r, now)),
            };
        }).WithTags("tasks").WithSummary(
            "A task's runs, newest first (?limit=, at most the 100 kept), with duration, trigger, version and error; counts per outcome; "
            + "its state: running, active, paused, or scheduler_stopped when the cluster's scheduler is off.");
    }

    /// <summary>When the task runs next on its schedule: never while it is paused or the scheduler is stopped.</summary>
    public static DateTimeOffset? NextRunOf(TaskInfo task, SchedulerInfo scheduler) => task.Paused || scheduler.Stopped ? null : task.NextRun;

    /// <summary>What the task will do next, not only its own flag: a task of a stopped scheduler does not run on schedule.</summary>
    public static string StateOf(TaskInfo task, SchedulerInfo scheduler) =>
        task.Current is not null ? "running" : task.Paused ? "paused" : scheduler.Stopped ? "scheduler_stopped" : "active";

    private static object Row(TaskRun run, DateTimeOffset now) => new
    {
        run_id = run.RunId, trigger = run.Trigger, status = run.Status, started_at = run.StartedAt, ended_at = run.EndedAt,
        duration_seconds = Math.Round(((run.EndedAt ?? now) - run.StartedAt).TotalSeconds, 3),
        version = run.Version, error = run.Error,
    };
}
