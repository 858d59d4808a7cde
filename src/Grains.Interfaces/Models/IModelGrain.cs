using System.Text.Json.Nodes;
using Orleans;
using Orleans.Concurrency;

namespace HttmOrleans.Grains.Models;

/// <summary>A model (key: model id): kind, algorithm, validated hyperparameters, and the names of its versions.</summary>
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>Creates the model; the same request again returns it (409 if it differs).</summary>
    Task<ModelInfo> Create(CreateModel request);

    /// <summary>The model, or null.</summary>
    [AlwaysInterleave]
    Task<ModelInfo?> Get();

    /// <summary>Changes hyperparameters (validated again), description or default dataset.</summary>
    Task<ModelInfo> Update(JsonObject? hyperparameters, string? description, string? datasetId);

    /// <summary>Sets the user and item features datasets (null leaves one as it is, an empty string removes it).</summary>
    Task<ModelInfo> SetFeatureDatasets(string? userFeaturesDatasetId, string? itemFeaturesDatasetId);

    /// <summary>
    /// Starts a training: reserves the version name (unique per model, 409 on a clash), records it, and
    /// sends the version grain its start. Returns the new version's key and name.
    /// </summary>
    Task<VersionRef> StartTraining(TrainRequest request);

    /// <summary>Forgets a deleted version.</summary>
    Task ForgetVersion(string version);

    /// <summary>Deletes the model (its versions must be deleted first by the caller).</summary>
    Task<ModelInfo> Delete();
}
