using HttmOrleans.Api.Serving;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// Deletes a version (refuses the active one, drops the record, tells model and registry, removes the artifact
/// unless another version shares it), or a whole model with all its versions, for every route that deletes.
/// </summary>
internal sealed class VersionCleanup(IGrainFactory grains, IArtifactStore artifacts, ArtifactCache cache, RecentlySeenModels served)
{
    /// <summary>Deletes a model and its versions; 409 while any version is still queued or training.</summary>
    public async Task<ModelInfo> DeleteModelAsync(string modelId, CancellationToken ct)
    {
        var model = await ModelEndpoints.Require(grains, modelId);
        foreach (var v in model.Versions)
        {
            var info = await grains.GetGrain<IModelVersionGrain>(v.Key).Get();
            if (info is not null && !VersionStatus.IsFinal(info.Status))
                throw new ConflictException($"Version '{v.Version}' is {info.Status}; cancel it before deleting the model.");
        }

        foreach (var v in model.Versions) await DeleteAsync(model.Id, v.Version, force: true, ct);
        var deleted = await grains.GetGrain<IModelGrain>(model.Id).Delete();
        served.Forget(model.Id);
        return deleted;
    }

    public async Task<VersionInfo> DeleteAsync(string modelId, string version, bool force, CancellationToken ct)
    {
        var registry = await grains.GetGrain<IModelRegistryGrain>(modelId).Get();
        if (!force && registry.ActiveVersion == version)
            throw new ConflictException($"Version '{version}' is active; activate another version before deleting it.");
        var grain = grains.GetGrain<IModelVersionGrain>(VersionRef.KeyOf(modelId, version));
        var was = await grain.Get() is null ? null : await grain.Delete();
        await grains.GetGrain<IModelGrain>(modelId).ForgetVersion(version);
        await grains.GetGrain<IModelRegistryGrain>(modelId).VersionDeleted(version);
        if (was?.ArtifactId is { } artifact && !await SharedAsync(modelId, artifact))
        {
            await artifacts.DeleteAsync(artifact, ct);
            cache.Evict(artifact);
        }

        return was ?? new VersionInfo { ModelId = modelId, Version = version, Status = VersionStatus.Initializing };
    }

    private async Task<bool> SharedAsync(string modelId, string artifact)
    {
        var model = await grains.GetGrain<IModelGrain>(modelId).Get();
        foreach (var v in model?.Versions ?? [])
            if ((await grains.GetGrain<IModelVersionGrain>(v.Key).Get())?.ArtifactId == artifact) return true;
        return false;
    }
}
