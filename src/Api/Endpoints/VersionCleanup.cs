using HttmOrleans.Grains;
using HttmOrleans.Grains.Models;
using HttmOrleans.Runtime;

namespace HttmOrleans.Api.Endpoints;

/// <summary>Deletes a version: refuses the active one, drops the record, tells model and registry, removes the artifact unless another version shares it.</summary>
internal sealed class VersionCleanup(IGrainFactory grains, IArtifactStore artifacts, ArtifactCache cache)
{
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
