using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Tasks;
using HttmOrleans.Grains.Training;

namespace HttmOrleans.Grains;

/// <summary>
/// Retrains a model on a schedule. The Orleans reminder is only a clock: <see cref="TaskInfo.NextRun"/>
/// in state decides, so a run missed while the cluster was down happens once when it is back, then the
/// schedule realigns. A new task runs once at creation (unless paused). A run is (chef →) model → version,
/// and the version tells the task how it ended.
/// </summary>
public sealed class TrainingTaskGrain(
    [PersistentState(GrainTypes.TrainingTask, GrainStore.Name)] IPersistentState<TaskInfo> state, ClusterAdmin journal)
    : HttmGrain<TaskInfo>(state, journal, GrainTypes.TrainingTask), ITrainingTaskGrain
{
    /// <summary>The longest gap between two clock ticks: a long interval is checked against next_run at least this often.</summary>
    private static readonly TimeSpan MaxClockPeriod = TimeSpan.FromMinutes(1);

    private const string ReminderName = "run";
    private const int MaxHistory = 100;

    public async Task<TaskInfo> Create(CreateTask request)
    {
        var cron = ValidateSchedule(request.IntervalSeconds, request.Cron);
        if (RecordExists)
        {
            if (State.ModelId != request.ModelId || State.IntervalSeconds != request.IntervalSeconds || State.Cron != request.Cron
                || State.DatasetId != request.DatasetId || State.DataChefId != request.DataChefId
                || State.UserFeaturesDataChefId != request.UserFeaturesDataChefId || State.ItemFeaturesDataChefId != request.ItemFeaturesDataChefId)
                throw new ConflictException($"Task '{State.Name}' already exists with another model or schedule.");
            return State;
        }

        var model = await GrainFactory.GetGrain<IModelGrain>(request.ModelId).Get() ?? throw new NotFoundException("model", request.ModelId, "model_id");
        await RequireChef(request.DataChefId, request.DataChefField, ModelKinds.DatasetKindFor(model.Kind));
        await RequireChef(request.UserFeaturesDataChefId, "user_features_data_chef_id", DatasetKinds.Features);
        await RequireChef(request.ItemFeaturesDataChefId, "item_features_data_chef_id", DatasetKinds.Features);
        if (request.UserFeaturesDataChefId is { } both && both == request.ItemFeaturesDataChefId)
            throw new ValidationException("item_features_data_chef_id", "The user and item features come from two datasets: name two chefs.");
        // A task that names a dataset trains on it every run: one that does not exist would fail every run instead of now.
        if (request.DatasetId is { } dataset && await GrainFactory.GetGrain<IDatasetGrain>(dataset).Get() is null)
            throw new NotFoundException("dataset", dataset, "dataset_id");
        State.Name = Key;
        State.ModelId = request.ModelId;
        State.DatasetId = request.DatasetId;
        State.DataChefId = request.DataChefId;
        State.UserFeaturesDataChefId = request.UserFeaturesDataChefId;
        State.ItemFeaturesDataChefId = request.ItemFeaturesDataChefId;
        State.IntervalSeconds = request.IntervalSeconds;
        State.Cron = request.Cron;
        State.Paused = request.Paused;
        State.CreatedBy = request.CreatedBy;
        State.CreatedAt = Now;
        await WriteStateAsync();
        if (!State.Paused)
        {
            await Schedule(cron);
            // A model scheduled hourly can serve within seconds, not in an hour.
            await StartRun("created");
            await WriteStateAsync();
        }

        return State;
    }

    public Task<TaskInfo?> Get() => Task.FromResult(RecordExists ? State : null);

    public async Task<TaskInfo> ChangeSchedule(int? intervalSeconds, string? cron)
    {
        Require();
        var parsed = ValidateSchedule(intervalSeconds, cron);
        State.IntervalSeconds = intervalSeconds;
        State.Cron = cron;
        if (!State.Paused) await Schedule(parsed);
        RaiseEvent("schedule-changed", new { intervalSeconds, cron });
        await WriteStateAsync();
        return State;
    }

    public async Task<TaskInfo> Pause()
    {
        Require();
        if (State.Paused) return State;
        State.Paused = true;
        State.NextRun = null;
        await StopClock();
        RaiseEvent("paused", new { State.Name });
        await WriteStateAsync();
        return State;
    }

    public async Task<TaskInfo> Resume()
    {
        Require();
        if (!State.Paused) return State;
        State.Paused = false;
        await Schedule(ValidateSchedule(State.IntervalSeconds, State.Cron));
        RaiseEvent("resumed", new { State.Name });
        await WriteStateAsync();
        return State;
    }

    public async Task<TaskInfo> RunNow(string by)
    {
        Require();
        await CloseFinishedRun();
        if (State.Current is { } running)
            throw new ConflictException($"Task '{State.Name}' is already running (run {running.RunId}, version {running.Version ?? "not started yet"}).");
        await StartRun("manual:" + by);
        await WriteStateAsync();
        return State;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!RecordExists || State.Paused)
        {
            await StopClock();
            return;
        }

        var now = Now;
        if (State.NextRun is not { } due || now < due - Tolerance()) return;
        var cron = ValidateSchedule(State.IntervalSeconds, State.Cron);
        if (cron is not null) await Schedule(cron);
        else
        {
            // Realign: runs missed while the cluster was down collapse into this one.
            var interval = TimeSpan.FromSeconds(State.IntervalSeconds!.Value);
            var next = due;
            while (next <= now + Tolerance()) next += interval;
            State.NextRun = next;
        }

        await CloseFinishedRun();
        var scheduler = await GrainFactory.GetGrain<ISchedulerGrain>(SchedulerGrain.Key).Get();
        if (scheduler.Stopped) Skip("the scheduler is stopped");
        else if (State.Current is { } running) Skip($"run {running.RunId} is still going");
        else await StartRun("schedule");
        await WriteStateAsync();
    }

    public async Task RunStarted(string runId, string? version, string? error)
    {
        if (!RecordExists || State.Current?.RunId != runId) return;
        if (error is not null) End("failed", error);
        else State.Current.Version = version;
        await WriteStateAsync();
    }

    public async Task ChefMaterialized(string runId, string chefId, int? snapshot, string? error)
    {
        if (!RecordExists || State.Current is not { } run || run.RunId != runId || !run.WaitingFor.Contains(chefId)) return;
        await OnChefEnded(run, chefId, snapshot, error);
        await WriteStateAsync();
    }

    public async Task RunFinished(string runId, string status, string? error)
    {
        if (!RecordExists || State.Current?.RunId != runId) return;
        End(status, error);
        await WriteStateAsync();
    }

    public async Task<TaskInfo> Remove()
    {
        var was = Require();
        await StopClock();
        await ClearStateAsync();
        return was;
    }

    private async Task StartRun(string trigger)
    {
        var runId = (++State.RunCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        State.Current = new TaskRun { RunId = runId, Trigger = trigger, StartedAt = Now };
        RaiseEvent("run-started", new { runId, trigger });
        // Saved before the run starts: a version or chef that answers at once finds the run it belongs to.
        await WriteStateAsync();
        var by = "task:" + State.Name;
        try
        {
            var chefs = Chefs().ToList();
            if (chefs.Count == 0)
            {
                await StartTraining(runId);
                return;
            }

            // Every chef first, in parallel on their silos; each tells ChefMaterialized, and the last one starts the training.
            State.Current.WaitingFor = [.. chefs];
            await WriteStateAsync();
            foreach (var chef in chefs)
            {
                if (State.Current?.RunId != runId) break;
                await GrainFactory.GetGrain<IDataChefGrain>(chef).Materialize(by, State.Name, runId);
            }
        }
        catch (DomainException e)
        {
            if (State.Current?.RunId == runId) End("failed", e.Message);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
        {
            // The model (or chef) grain sat on a silo that just died. Left open, this run would have no version
            // for CloseFinishedRun to look at, and every later tick would skip it: end it; the next tick starts afresh.
            if (State.Current?.RunId == runId) End("failed", "could not start the run: " + e.Message);
        }
    }

    private IEnumerable<string> Chefs() =>
        new[] { State.DataChefId, State.UserFeaturesDataChefId, State.ItemFeaturesDataChefId }.OfType<string>();

    private async Task StartTraining(string runId)
    {
        var run = State.Current!;
        var request = new TrainRequest
        {
            DatasetId = await ChefDataset(State.DataChefId) ?? State.DatasetId, Snapshot = SnapshotOf(run, State.DataChefId),
            UserFeaturesDatasetId = await ChefDataset(State.UserFeaturesDataChefId), UserFeaturesSnapshot = SnapshotOf(run, State.UserFeaturesDataChefId),
            ItemFeaturesDatasetId = await ChefDataset(State.ItemFeaturesDataChefId), ItemFeaturesSnapshot = SnapshotOf(run, State.ItemFeaturesDataChefId),
            CreatedBy = "task:" + State.Name, TaskName = State.Name, RunId = runId,
        };
        var started = await GrainFactory.GetGrain<IModelGrain>(State.ModelId).StartTraining(request);
        if (State.Current?.RunId == runId) State.Current.Version = started.Version;
    }

    private async Task<string?> ChefDataset(string? chef) =>
        chef is null ? null : (await GrainFactory.GetGrain<IDataChefGrain>(chef).Get())?.DatasetId ?? throw new NotFoundException("data chef", chef);

    private static int? SnapshotOf(TaskRun run, string? chef) => chef is not null && run.Snapshots.TryGetValue(chef, out var number) ? number : null;

    private async Task OnChefEnded(TaskRun run, string chefId, int? snapshot, string? error)
    {
        run.WaitingFor.Remove(chefId);
        if (error is not null || snapshot is null)
        {
            End("failed", $"data chef '{chefId}': {error ?? "no snapshot"}");
            return;
        }

        run.Snapshots[chefId] = snapshot.Value;
        if (run.WaitingFor.Count > 0) return;
        try
        {
            await StartTraining(run.RunId);
        }
        catch (DomainException e)
        {
            if (State.Current?.RunId == run.RunId) End("failed", e.Message);
        }
    }

    private async Task RequireChef(string? chefId, string field, string kind)
    {
        if (chefId is null) return;
        var chef = await GrainFactory.GetGrain<IDataChefGrain>(chefId).Get() ?? throw new NotFoundException("data chef", chefId, field);
        if (chef.Kind != kind)
            throw new ValidationException(field, $"Data chef '{chefId}' fills {chef.Kind} (dataset '{chef.DatasetId}'); this one must fill {kind}.");
    }

    /// <summary>
    /// Closes the current run if its version ended without telling us (e.g. it was deleted), so the task never wedges; a
    /// chef whose news was lost (its one-way call died with a silo) is read from its last materialization instead.
    /// </summary>
    private async Task CloseFinishedRun()
    {
        if (State.Current is { Version: null, WaitingFor.Count: > 0 } waiting)
        {
            foreach (var chefId in waiting.WaitingFor.ToList())
            {
                var chef = await GrainFactory.GetGrain<IDataChefGrain>(chefId).Get();
                if (chef is null) await OnChefEnded(waiting, chefId, null, "it no longer exists");
                else if (chef.RunningJob is null && chef.WaitingRun != waiting.RunId && chef.Last is { } last && last.At >= waiting.StartedAt)
                    await OnChefEnded(waiting, chefId, last.Status == "completed" ? last.Snapshot : null, last.Error);
                if (State.Current != waiting) return;
            }
        }

        if (State.Current is not { Version: { } version }) return;
        var info = await GrainFactory.GetGrain<IModelVersionGrain>(VersionRef.KeyOf(State.ModelId, version)).Get();
        if (info is null) End("failed", $"version {version} no longer exists");
        else if (VersionStatus.IsFinal(info.Status)) End(info.Status, info.Error);
    }

    private void Skip(string reason)
    {
        AddHistory(new TaskRun { RunId = "-", Trigger = "schedule", StartedAt = Now, EndedAt = Now, Status = "skipped", Error = reason });
    }

    private void End(string status, string? error)
    {
        var run = State.Current!;
        run.Status = status;
        run.Error = error;
        run.EndedAt = Now;
        State.Current = null;
        AddHistory(run);
        RaiseEvent("run-ended", new { run.RunId, status, error, run.Version });
    }

    private void AddHistory(TaskRun run)
    {
        State.History.Add(run);
        if (State.History.Count > MaxHistory) State.History.RemoveRange(0, State.History.Count - MaxHistory);
    }

    private async Task Schedule(CronExpression? cron)
    {
        TimeSpan due, period;
        if (cron is not null)
        {
            var next = cron.Next(Now) ?? throw new ValidationException("cron", "The expression never matches.");
            State.NextRun = next;
            due = next - Now;
            period = MaxClockPeriod; // re-armed at every run from the expression
        }
        else
        {
            var interval = TimeSpan.FromSeconds(State.IntervalSeconds!.Value);
            period = interval < MaxClockPeriod ? interval : MaxClockPeriod;
            due = interval;
            State.NextRun = Now + interval;
        }

        await this.RegisterOrUpdateReminder(ReminderName, due < TimeSpan.Zero ? TimeSpan.Zero : due, period);
    }

    private async Task StopClock()
    {
        if (await this.GetReminder(ReminderName) is { } reminder) await this.UnregisterReminder(reminder);
    }

    /// <summary>A tick a little early still counts (clocks drift); a quarter period, at most a second.</summary>
    private TimeSpan Tolerance()
    {
        var period = State.IntervalSeconds is { } s ? TimeSpan.FromSeconds(s) : MaxClockPeriod;
        var quarter = period / 4;
        return quarter < TimeSpan.FromSeconds(1) ? quarter : TimeSpan.FromSeconds(1);
    }

    private static CronExpression? ValidateSchedule(int? intervalSeconds, string? cron)
    {
        if (intervalSeconds is null == cron is null)
            throw new ValidationException("interval", "Give either interval (seconds) or cron, not both and not neither.");
        if (intervalSeconds is { } seconds && seconds < 1)
            throw new ValidationException("interval", "Must be at least 1 second.");
        if (intervalSeconds is > 31_536_000)
            throw new ValidationException("interval", "Must be at most one year (31536000 seconds).");
        if (cron is null) return null;
        return CronExpression.TryParse(cron, out var parsed, out var error) ? parsed : throw new ValidationException("cron", error!);
    }

    private TaskInfo Require() => RecordExists ? State : throw new NotFoundException("task", Key);
}
