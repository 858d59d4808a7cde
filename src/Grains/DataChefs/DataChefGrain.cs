using System.Text.Json;
using System.Text.Json.Nodes;
using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Tasks;
using HttmOrleans.Runtime;

namespace HttmOrleans.Grains;

/// <summary>A data chef: its definition, and materializations run as jobs that end in a new dataset snapshot.</summary>
public sealed class DataChefGrain : Grain<DataChefInfo>, IDataChefGrain
{
    public async Task<DataChefInfo> Create(DataChefInfo definition)
    {
        if (RecordExists)
        {
            if (State.SourceType != definition.SourceType || !JsonNode.DeepEquals(State.Source, definition.Source)
                || State.Mapping != definition.Mapping || State.DatasetId != definition.DatasetId)
                throw new ConflictException($"Data chef '{State.Id}' already exists with another definition.");
            return State;
        }

        definition.Id = GetPrimaryKeyString();
        definition.CreatedAt = Now;
        definition.RunningJob = null;
        definition.Last = null;
        State = definition;
        await WriteStateAsync();
        return State;
    }

    public Task<DataChefInfo?> Get() => Task.FromResult(RecordExists ? State : null);

    public async Task<DataChefInfo> Update(DataChefInfo definition)
    {
        Require();
        State.Name = definition.Name;
        State.SourceType = definition.SourceType;
        State.Source = definition.Source;
        State.Mapping = definition.Mapping;
        State.DatasetId = definition.DatasetId;
        State.Kind = definition.Kind;
        RaiseEvent("updated", new { State.SourceType, State.DatasetId });
        await WriteStateAsync();
        return State;
    }

    public async Task<DataChefInfo> Materialize(string by, string? taskName, string? runId)
    {
        if (!RecordExists && taskName is not null)
        {
            Send<ITrainingTaskGrain>(taskName, t => t.RunStarted(runId!, null, $"data chef '{GetPrimaryKeyString()}' does not exist"));
            return State;
        }

        Require();
        if (State.RunningJob is not null)
        {
            if (taskName is not null)
            {
                Send<ITrainingTaskGrain>(taskName, t => t.RunStarted(runId!, null, "the data chef is already materializing"));
                return State;
            }

            throw new ConflictException($"Data chef '{State.Id}' is already materializing (job {State.RunningJob}).");
        }

        var payload = new MaterializeJob(State.Id, State.DatasetId, State.Kind, State.SourceType, State.Source.ToJsonString(), State.Mapping);
        State.RunningJob = EnqueueJob(new JobRequest(MaterializeJob.Kind, "cpu", JsonSerializer.Serialize(payload, RuntimeJson.Options), MaxAttempts: 2));
        State.WaitingTask = taskName;
        State.WaitingRun = runId;
        RaiseEvent("materialize", new { by, job = State.RunningJob });
        await WriteStateAsync();
        return State;
    }

    public async Task OnJobFinished(JobOutcome outcome)
    {
        if (!RecordExists || State.RunningJob != outcome.JobId) return;
        State.RunningJob = null;
        var now = Now;
        if (outcome.Status == JobStatus.Succeeded)
        {
            var result = JsonSerializer.Deserialize<MaterializeJobResult>(outcome.Result!, RuntimeJson.Options)!;
            State.Last = new MaterializationInfo("completed", result.Snapshot, result.RowsRead, result.RowsAccepted, result.RowsRejected, result.Report, null, now);
            if (State.WaitingTask is { } task)
            {
                var request = new TrainRequest { DatasetId = State.DatasetId, Snapshot = result.Snapshot, CreatedBy = "task:" + task, TaskName = task, RunId = State.WaitingRun };
                var modelId = (await ReadStateOf<ITrainingTaskGrain, TaskInfo>(task))?.ModelId;
                if (modelId is not null) Send<IModelGrain>(modelId, m => m.StartTraining(request));
            }
        }
        else
        {
            var error = outcome.Status == JobStatus.Cancelled ? "cancelled" : outcome.Error ?? "unknown error";
            State.Last = new MaterializationInfo("failed", null, 0, 0, 0, null, error, now);
            if (State.WaitingTask is { } task)
            {
                var run = State.WaitingRun!;
                Send<ITrainingTaskGrain>(task, t => t.RunStarted(run, null, $"materialization failed: {error}"));
            }
        }

        RaiseEvent("materialized", State.Last);
        State.WaitingTask = null;
        State.WaitingRun = null;
        await WriteStateAsync();
    }

    public async Task<DataChefInfo> Delete()
    {
        var was = Require();
        await ClearStateAsync();
        return was;
    }

    private DataChefInfo Require() => RecordExists ? State : throw new NotFoundException("data chef", GetPrimaryKeyString());
}
