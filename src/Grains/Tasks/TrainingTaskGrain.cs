using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Tasks;
using HttmOrleans.Runtime;

namespace HttmOrleans.Grains;

/// <summary>Retrains a model on a schedule. A run is a chain of one-way messages: (chef →) model → version → back here.</summary>
public sealed class TrainingTaskGrain : Grain<TaskInfo>, ITrainingTaskGrain
{
    private const string ReminderName = "run";
    private const int MaxHistory = 100;

    public async Task<TaskInfo> Create(CreateTask request)
    {
        var cron = ValidateSchedule(request.IntervalSeconds, request.Cron);
        if (RecordExists)
        {
            if (State.ModelId != request.ModelId || State.IntervalSeconds != request.IntervalSeconds || State.Cron != request.Cron
                || State.DatasetId != request.DatasetId || State.DataChefId != request.DataChefId)
                throw new ConflictException($"Task '{State.Name}' already exists with another model or schedule.");
            return State;
        }

        if (await ReadStateOf<IModelGrain, ModelInfo>(request.ModelId) is null) throw new NotFoundException("model", request.ModelId, "model_id");
        if (request.DataChefId is { } chef && await ReadStateOf<IDataChefGrain, DataChefInfo>(chef) is null)
            throw new NotFoundException("data chef", chef, "data_chef_id");
        // A task that names a dataset trains on it every run: one that does not exist would fail every run instead of now.
        if (request.DatasetId is { } dataset && await ReadStateOf<IDatasetGrain, DatasetInfo>(dataset) is null)
            throw new NotFoundException("dataset", dataset, "dataset_id");
        State.Name = GetPrimaryKeyString();
        State.ModelId = request.ModelId;
        State.DatasetId = request.DatasetId;
        State.DataChefId = request.DataChefId;
        State.IntervalSeconds = request.IntervalSeconds;
        State.Cron = request.Cron;
        State.Paused = request.Paused;
        State.CreatedBy = request.CreatedBy;
        State.CreatedAt = Now;
        if (!State.Paused) await Schedule(cron);
        await WriteStateAsync();
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
        await UnregisterReminder(ReminderName);
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
        StartRun("manual:" + by);
        await WriteStateAsync();
        return State;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!RecordExists)
        {
            await UnregisterReminder(reminderName);
            return;
        }

        if (State.Cron is not null) await Schedule(ValidateSchedule(null, State.Cron));
        else State.NextRun = status.CurrentTickTime + status.Period;
        if (State.Paused) return;

        await CloseFinishedRun();
        var scheduler = await ReadStateOf<ISchedulerGrain, SchedulerInfo>(SchedulerGrain.Key);
        if (scheduler?.Stopped == true) Skip("the scheduler is stopped");
        else if (State.Current is { } running) Skip($"run {running.RunId} is still going");
        else StartRun("schedule");
        await WriteStateAsync();
    }

    public async Task RunStarted(string runId, string? version, string? error)
    {
        if (!RecordExists || State.Current?.RunId != runId) return;
        if (error is not null) End("failed", error);
        else State.Current.Version = version;
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
        await UnregisterReminder(ReminderName);
        await ClearStateAsync();
        return was;
    }

    private void StartRun(string trigger)
    {
        var runId = (++State.RunCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        State.Current = new TaskRun { RunId = runId, Trigger = trigger, StartedAt = Now };
        var by = "task:" + State.Name;
        if (State.DataChefId is { } chef)
        {
            Send<IDataChefGrain>(chef, c => c.Materialize(by, State.Name, runId));
        }
        else
        {
            var request = new TrainRequest { DatasetId = State.DatasetId, CreatedBy = by, TaskName = State.Name, RunId = runId };
            Send<IModelGrain>(State.ModelId, m => m.StartTraining(request));
        }

        RaiseEvent("run-started", new { runId, trigger });
    }

    /// <summary>Closes the current run if its version ended without telling us (e.g. it was deleted), so the task never wedges.</summary>
    private async Task CloseFinishedRun()
    {
        if (State.Current is not { Version: { } version }) return;
        var info = await ReadStateOf<IModelVersionGrain, VersionInfo>(VersionRef.KeyOf(State.ModelId, version));
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
            period = TimeSpan.FromMinutes(1); // re-armed at every tick from the expression
        }
        else
        {
            period = TimeSpan.FromSeconds(State.IntervalSeconds!.Value);
            due = period;
            State.NextRun = Now + period;
        }

        await RegisterOrUpdateReminder(ReminderName, due < TimeSpan.Zero ? TimeSpan.Zero : due, period);
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

    private TaskInfo Require() => RecordExists ? State : throw new NotFoundException("task", GetPrimaryKeyString());
}
