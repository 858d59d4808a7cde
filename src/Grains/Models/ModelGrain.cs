using System.Text.Json.Nodes;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Training;

namespace HttmOrleans.Grains;

/// <summary>A model: validated hyperparameters and the registry of its version names.</summary>
public sealed class ModelGrain(
    [PersistentState(GrainTypes.Model, GrainStore.Name)] IPersistentState<ModelInfo> state, ClusterAdmin journal, TrainerCatalog trainers)
    : HttmGrain<ModelInfo>(state, journal, GrainTypes.Model), IModelGrain
{
    public async Task<ModelInfo> Create(CreateModel request)
    {
        var trainer = trainers.Require(request.Algorithm, request.Kind);
        var check = trainer.Check(request.Hyperparameters);
        if (!check.IsValid) throw new ValidationException([.. check.Errors.Select(e => e with { Field = "hyperparameters." + e.Field })]);
        if (RecordExists)
        {
            if (State.Algorithm != trainer.Algorithm || !JsonNode.DeepEquals(State.Hyperparameters, check.Resolved))
                throw new ConflictException($"Model '{State.Id}' already exists with algorithm '{State.Algorithm}' and other hyperparameters.");
            return State;
        }

        if (request.DatasetId is { } datasetId) await RequireDataset(datasetId, trainer.Kind, "dataset_id");
        if (request.UserFeaturesDatasetId is { } users) await RequireFeatures(users, "user_features_dataset_id");
        if (request.ItemFeaturesDatasetId is { } items) await RequireFeatures(items, "item_features_dataset_id");
        State.Id = Key;
        State.Name = string.IsNullOrWhiteSpace(request.Name) ? State.Id : request.Name;
        State.Kind = trainer.Kind;
        State.Algorithm = trainer.Algorithm;
        State.Hyperparameters = check.Resolved!;
        State.Description = request.Description;
        State.DatasetId = request.DatasetId;
        State.UserFeaturesDatasetId = request.UserFeaturesDatasetId;
        State.ItemFeaturesDatasetId = request.ItemFeaturesDatasetId;
        State.CreatedBy = request.CreatedBy;
        State.CreatedAt = Now;
        await WriteStateAsync();
        return State;
    }

    public Task<ModelInfo?> Get() => Task.FromResult(RecordExists ? State : null);

    public async Task<ModelInfo> Update(JsonObject? hyperparameters, string? description, string? datasetId)
    {
        Require();
        if (hyperparameters is not null)
        {
            var check = trainers.Require(State.Algorithm, State.Kind).Check(hyperparameters);
            if (!check.IsValid) throw new ValidationException([.. check.Errors.Select(e => e with { Field = "hyperparameters." + e.Field })]);
            State.Hyperparameters = check.Resolved!;
        }

        if (datasetId is not null)
        {
            await RequireDataset(datasetId, State.Kind, "dataset_id");
            State.DatasetId = datasetId;
        }

        if (description is not null) State.Description = description;
        await WriteStateAsync();
        return State;
    }

    public async Task<ModelInfo> SetFeatureDatasets(string? userFeaturesDatasetId, string? itemFeaturesDatasetId)
    {
        Require();
        if (!string.IsNullOrEmpty(userFeaturesDatasetId)) await RequireFeatures(userFeaturesDatasetId, "user_features_dataset_id");
        if (!string.IsNullOrEmpty(itemFeaturesDatasetId)) await RequireFeatures(itemFeaturesDatasetId, "item_features_dataset_id");
        if (userFeaturesDatasetId is not null) State.UserFeaturesDatasetId = userFeaturesDatasetId.Length == 0 ? null : userFeaturesDatasetId;
        if (itemFeaturesDatasetId is not null) State.ItemFeaturesDatasetId = itemFeaturesDatasetId.Length == 0 ? null : itemFeaturesDatasetId;
        await WriteStateAsync();
        return State;
    }

    public async Task<VersionRef> StartTraining(TrainRequest request)
    {
        Require();
        var trainer = trainers.Require(State.Algorithm, State.Kind);
        var parameters = State.Hyperparameters;
        if (request.Hyperparameters is { Count: > 0 } overrides)
        {
            var merged = (JsonObject)State.Hyperparameters.DeepClone();
            foreach (var (name, value) in overrides) merged[name] = value?.DeepClone();
            var check = trainer.Check(merged);
            if (!check.IsValid) throw new ValidationException([.. check.Errors.Select(e => e with { Field = "hyperparameters." + e.Field })]);
            parameters = check.Resolved!;
        }

        var datasetId = request.DatasetId ?? State.DatasetId
            ?? throw new ValidationException("dataset_id", "The model has no default dataset; name one.");
        var dataset = await RequireDataset(datasetId, State.Kind, "dataset_id");
        if (request.Snapshot is { } wanted && dataset.Snapshots.TrueForAll(s => s.Number != wanted))
            throw new ValidationException("snapshot", $"Dataset '{datasetId}' has no snapshot {wanted}.");
        if (request.Snapshot is null && dataset.SampleCount == 0 && dataset.Latest is null)
            throw new ValidationException("dataset_id", $"Dataset '{datasetId}' has no samples and no snapshot to train on.");

        var userFeatures = await FeaturesFor(request.UserFeaturesDatasetId ?? State.UserFeaturesDatasetId, request.UserFeaturesSnapshot, "user_features");
        var itemFeatures = await FeaturesFor(request.ItemFeaturesDatasetId ?? State.ItemFeaturesDatasetId, request.ItemFeaturesSnapshot, "item_features");

        string? baseArtifact = null;
        if (request.BaseVersion is { } baseVersion)
        {
            var based = await GrainFactory.GetGrain<IModelVersionGrain>(VersionRef.KeyOf(State.Id, baseVersion)).Get();
            if (based is null) throw new NotFoundException("version", $"{State.Id}/{baseVersion}", "base_version");
            if (based.Status != VersionStatus.Completed)
                throw new ConflictException($"Base version '{baseVersion}' is {based.Status}; only a completed version can be retrained from.");
            baseArtifact = based.ArtifactId;
        }

        string version;
        if (string.IsNullOrWhiteSpace(request.Version))
        {
            do version = "v" + ++State.Counter;
            while (State.Versions.Exists(v => v.Version == version));
        }
        else
        {
            version = request.Version.Trim();
            if (!VersionNames.IsValid(version))
                throw new ValidationException("version", "Use 1–64 letters, digits, '.', '_' or '-'.");
            if (State.Versions.Exists(v => v.Version == version))
                throw new ConflictException($"Model '{State.Id}' already has a version '{version}'.");
        }

        var reference = new VersionRef(State.Id, version);
        var spec = new VersionSpec
        {
            ModelId = State.Id, Version = version, Kind = State.Kind, Algorithm = State.Algorithm, Parameters = parameters,
            DatasetId = datasetId, Snapshot = request.Snapshot, BaseVersion = request.BaseVersion, BaseArtifactId = baseArtifact,
            UserFeaturesDatasetId = userFeatures, UserFeaturesSnapshot = userFeatures is null ? null : request.UserFeaturesSnapshot,
            ItemFeaturesDatasetId = itemFeatures, ItemFeaturesSnapshot = itemFeatures is null ? null : request.ItemFeaturesSnapshot,
            Capability = trainer.Capability, CreatedBy = request.CreatedBy, CreatedAt = Now, TaskName = request.TaskName, RunId = request.RunId,
        };
        // The version first: a model never lists a version whose grain was not started.
        await GrainFactory.GetGrain<IModelVersionGrain>(reference.Key).Start(spec);
        State.Versions.Add(new VersionSummary(version, reference.Key, Now, request.CreatedBy));
        await WriteStateAsync();
        return reference;
    }

    public async Task ForgetVersion(string version)
    {
        if (!RecordExists) return;
        if (State.Versions.RemoveAll(v => v.Version == version) > 0) await WriteStateAsync();
    }

    public async Task<ModelInfo> Delete()
    {
        var was = Require();
        await ClearStateAsync();
        return was;
    }

    private async Task<DatasetInfo> RequireDataset(string datasetId, string modelKind, string field)
    {
        var dataset = await GrainFactory.GetGrain<IDatasetGrain>(datasetId).Get() ?? throw new NotFoundException("dataset", datasetId, field);
        var wanted = ModelKinds.DatasetKindFor(modelKind);
        if (dataset.Kind != wanted)
            throw new ValidationException(field, $"Dataset '{datasetId}' holds {dataset.Kind}; a {modelKind} model trains on {wanted}.");
        return dataset;
    }

    private async Task<DatasetInfo> RequireFeatures(string datasetId, string field)
    {
        var dataset = await GrainFactory.GetGrain<IDatasetGrain>(datasetId).Get() ?? throw new NotFoundException("dataset", datasetId, field);
        if (dataset.Kind != DatasetKinds.Features)
            throw new ValidationException(field, $"Dataset '{datasetId}' holds {dataset.Kind}; features come from a {DatasetKinds.Features} dataset.");
        return dataset;
    }

    // A features dataset with nothing in it yet is trained without (the trainer sees no features), not refused:
    // a task's first run may materialize it at the same time.
    private async Task<string?> FeaturesFor(string? datasetId, int? snapshot, string field)
    {
        if (datasetId is null) return null;
        var dataset = await RequireFeatures(datasetId, field + "_dataset_id");
        if (snapshot is { } wanted && dataset.Snapshots.TrueForAll(s => s.Number != wanted))
            throw new ValidationException(field + "_snapshot", $"Dataset '{datasetId}' has no snapshot {wanted}.");
        return datasetId;
    }

    private ModelInfo Require() => RecordExists ? State : throw new NotFoundException("model", Key);
}
