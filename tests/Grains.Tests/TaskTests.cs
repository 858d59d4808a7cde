using HttmOrleans.Grains.Tests.Infrastructure;
using HttmOrleans.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace HttmOrleans.Grains.Tests;

[Collection(SqliteCollection.Name)]
public sealed class TaskTests(SqliteClusterFixture fixture)
{
    private readonly Scenario _s = new(fixture.Cluster);

    private ITrainingTaskGrain TaskGrain(string name) => fixture.Cluster.Client.GetGrain<ITrainingTaskGrain>(name);

    private Task<TaskInfo> WaitForAsync(string name, Func<TaskInfo, bool> condition, string what) =>
        Eventually.Until(async () => (await TaskGrain(name).Get())!, t => t is not null && condition(t), Scenario.Patience, $"task {name}: {what}", Scenario.Describe);

    [Fact]
    public async Task A_new_task_runs_once_right_away_and_schedules_the_next_run_one_interval_later()
    {
        var model = await _s.PopularityModelAsync();
        var name = Ids.New("t");
        try
        {
            var created = await TaskGrain(name).Create(new CreateTask { ModelId = model.Id, IntervalSeconds = 3600, CreatedBy = "test" });
            Assert.Equal(1, created.RunCounter);
            Assert.Equal(("1", "created", "v1"), (created.Current!.RunId, created.Current.Trigger, created.Current.Version));
            Assert.InRange(created.NextRun!.Value - created.CreatedAt, TimeSpan.FromSeconds(3595), TimeSpan.FromSeconds(3605));

            var finished = await WaitForAsync(name, t => t.Current is null && t.History.Count == 1, "run 1 ended");
            Assert.Equal(("1", "completed", "v1"), (finished.LastRun!.RunId, finished.LastRun.Status, finished.LastRun.Version));
            Assert.Equal("v1", (await _s.Grains.GetGrain<IModelRegistryGrain>(model.Id).Get()).ActiveVersion);
        }
        finally
        {
            await TaskGrain(name).Remove();
        }
    }

    [Fact]
    public async Task A_run_whose_training_is_refused_is_recorded_failed_with_the_reason_and_the_task_stays_scheduled()
    {
        var empty = Ids.New("ds");
        await _s.Grains.GetGrain<IDatasetGrain>(empty).Create("empty", DatasetKinds.Interactions, null, "test");
        var model = await _s.ModelAsync("popularity", empty);
        var name = Ids.New("t");
        try
        {
            var created = await TaskGrain(name).Create(new CreateTask { ModelId = model.Id, IntervalSeconds = 3600 });
            Assert.Null(created.Current);
            var run = Assert.Single(created.History);
            Assert.Equal(("1", "failed"), (run.RunId, run.Status));
            Assert.Equal($"dataset_id: Dataset '{empty}' has no samples and no snapshot to train on.", run.Error);
            Assert.NotNull(created.NextRun);
        }
        finally
        {
            await TaskGrain(name).Remove();
        }
    }

    [Fact]
    public async Task A_task_created_paused_does_not_run_or_schedule()
    {
        var model = await _s.PopularityModelAsync();
        var name = Ids.New("t");
        var created = await TaskGrain(name).Create(new CreateTask { ModelId = model.Id, IntervalSeconds = 1, Paused = true });
        Assert.Equal((0L, null, null), (created.RunCounter, created.Current, created.NextRun));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Empty((await _s.Grains.GetGrain<IModelGrain>(model.Id).Get())!.Versions);
        Assert.Equal(0, (await TaskGrain(name).Get())!.RunCounter);
        await TaskGrain(name).Remove();
    }

    [Fact]
    public async Task Ticks_every_second_start_runs_but_never_two_at_once_and_record_the_skips()
    {
        var model = await _s.ModelAsync(GateTrainer.Name, await _s.RatingsDatasetAsync());
        var name = Ids.New("t");
        try
        {
            await TaskGrain(name).Create(new CreateTask { ModelId = model.Id, IntervalSeconds = 1 });
            var skipping = await WaitForAsync(name, t => t.History.Count(h => h.Status == "skipped") >= 2, "two skipped ticks");
            Assert.All(skipping.History, h => Assert.Equal(("skipped", "run 1 is still going"), (h.Status, h.Error)));
            Assert.Equal(("1", 1L), (skipping.Current!.RunId, skipping.RunCounter));
            Assert.Single((await _s.Grains.GetGrain<IModelGrain>(model.Id).Get())!.Versions);
            var busy = await Assert.ThrowsAsync<ConflictException>(() => TaskGrain(name).RunNow("alice"));
            Assert.Equal($"Task '{name}' is already running (run 1, version v1).", busy.Message);

            GateTrainer.Open(model.Id);
            await WaitForAsync(name, t => t.RunCounter >= 3, "two more runs");
            await TaskGrain(name).Pause();
            var paused = await WaitForAsync(name, t => t.Current is null, "the last run to end");

            var runs = paused.History.Where(h => h.Status != "skipped").OrderBy(h => long.Parse(h.RunId, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(paused.RunCounter, runs.Count);
            Assert.All(runs, r => Assert.Equal("completed", r.Status));
            for (var i = 1; i < runs.Count; i++)
                Assert.True(runs[i].StartedAt >= runs[i - 1].EndedAt, $"run {runs[i].RunId} started before run {runs[i - 1].RunId} ended");
            Assert.Equal(runs.Count, (await _s.Grains.GetGrain<IModelGrain>(model.Id).Get())!.Versions.Count);
        }
        finally
        {
            GateTrainer.Open(model.Id);
            await TaskGrain(name).Remove();
        }
    }

    [Fact]
    public async Task A_paused_task_starts_no_runs_until_it_is_resumed()
    {
        var model = await _s.PopularityModelAsync();
        var name = Ids.New("t");
        try
        {
            await TaskGrain(name).Create(new CreateTask { ModelId = model.Id, IntervalSeconds = 1 });
            await WaitForAsync(name, t => t.RunCounter >= 2, "a scheduled run");
            var paused = await TaskGrain(name).Pause();
            Assert.True(paused.Paused);
            Assert.Null(paused.NextRun);
            var idle = await WaitForAsync(name, t => t.Current is null, "the running run to end");

            await Task.Delay(TimeSpan.FromSeconds(2.5));
            var later = (await TaskGrain(name).Get())!;
            Assert.Equal((idle.RunCounter, idle.History.Count), (later.RunCounter, later.History.Count));

            var resumed = await TaskGrain(name).Resume();
            Assert.False(resumed.Paused);
            Assert.NotNull(resumed.NextRun);
            await WaitForAsync(name, t => t.RunCounter > idle.RunCounter, "a run after resuming");
        }
        finally
        {
            await TaskGrain(name).Remove();
        }
    }

    [Fact]
    public async Task While_the_scheduler_is_stopped_ticks_are_recorded_as_skipped_and_start_nothing()
    {
        var model = await _s.PopularityModelAsync();
        var name = Ids.New("t");
        var scheduler = fixture.Cluster.Client.GetGrain<ISchedulerGrain>("default");
        try
        {
            await TaskGrain(name).Create(new CreateTask { ModelId = model.Id, IntervalSeconds = 1 });
            await WaitForAsync(name, t => t.Current is null && t.History.Count >= 1, "the first run to end");
            Assert.True((await scheduler.Stop("ops")).Stopped);
            var stopped = await WaitForAsync(name, t => t.Current is null, "no run going");

            var skipped = await WaitForAsync(name, t => t.History.Count(h => h.Error == "the scheduler is stopped") >= 2, "two skipped ticks");
            Assert.Equal(stopped.RunCounter, skipped.RunCounter);
            Assert.All(skipped.History.Where(h => h.Error == "the scheduler is stopped"), h => Assert.Equal(("skipped", "schedule"), (h.Status, h.Trigger)));
        }
        finally
        {
            await scheduler.Start("ops");
            await TaskGrain(name).Remove();
        }
    }

    [Fact]
    public async Task Changing_the_interval_recomputes_the_next_run_at_once()
    {
        var model = await _s.PopularityModelAsync();
        var name = Ids.New("t");
        try
        {
            var created = await TaskGrain(name).Create(new CreateTask { ModelId = model.Id, IntervalSeconds = 3600 });
            Assert.True(created.NextRun > DateTimeOffset.UtcNow.AddMinutes(59));

            var before = DateTimeOffset.UtcNow;
            var changed = await TaskGrain(name).ChangeSchedule(30, null);
            Assert.Equal(30, changed.IntervalSeconds);
            Assert.InRange(changed.NextRun!.Value, before.AddSeconds(29), DateTimeOffset.UtcNow.AddSeconds(31));

            var cron = await TaskGrain(name).ChangeSchedule(null, "*/5 * * * *");
            Assert.Equal((null, "*/5 * * * *"), (cron.IntervalSeconds, cron.Cron));
            var next = cron.NextRun!.Value.ToUniversalTime();
            Assert.Equal((0, 0, 0), (next.Minute % 5, next.Second, next.Millisecond));
            Assert.InRange(next, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5));

            var error = await Assert.ThrowsAsync<ValidationException>(() => TaskGrain(name).ChangeSchedule(0, null));
            Assert.Equal("interval", Assert.Single(error.Errors).Field);
            Assert.Equal(cron.NextRun, (await TaskGrain(name).Get())!.NextRun);
        }
        finally
        {
            await TaskGrain(name).Remove();
        }
    }

    [Fact]
    public async Task A_removed_task_stops_its_reminder_and_stays_gone()
    {
        var model = await _s.PopularityModelAsync();
        var name = Ids.New("t");
        await TaskGrain(name).Create(new CreateTask { ModelId = model.Id, IntervalSeconds = 1 });
        Assert.Equal(1, await ReminderRowsAsync(name));

        var removed = await TaskGrain(name).Remove();
        Assert.Equal(name, removed.Name);
        Assert.Equal(0, await ReminderRowsAsync(name));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Null(await TaskGrain(name).Get());
        Assert.Equal(0, await ReminderRowsAsync(name));
        var error = await Assert.ThrowsAsync<NotFoundException>(() => TaskGrain(name).RunNow("alice"));
        Assert.Equal(("task", name), (error.What, error.Id));
    }

    private async Task<long> ReminderRowsAsync(string taskName)
    {
        var serviceId = fixture.Cluster.Silo.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
        await using var connection = await fixture.Cluster.Database.OpenAsync(CancellationToken.None);
        await using var command = HttmDatabase.Command(connection, null,
            "SELECT COUNT(*) FROM orleans_reminders WHERE service_id = @s AND grain_id LIKE @g", ("@s", serviceId), ("@g", "%" + taskName));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
