using HttmOrleans.Grains;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Api.Infrastructure;

/// <summary>
/// Reads a model's registry the way a client expects after seeing a version complete. The first
/// completed version activates itself through a one-way message the version sends after its turn
/// commits, so for a few milliseconds a reader can see <c>completed</c> while the registry has
/// nothing active yet. A reader that finds the registry empty and a completed version delivers that
/// same news itself (<see cref="IModelRegistryGrain.VersionCompleted"/> activates only when nothing is
/// active, so the message arriving later changes nothing) instead of answering "no active version".
/// </summary>
internal static class SettledRegistry
{
    public static async Task<RegistryInfo> GetAsync(IGrainFactory grains, string modelId)
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(modelId);
        var info = await registry.Get();
        if (info.ActiveVersion is not null) return info;
        return await NewestCompletedAsync(grains, modelId) is { } version ? await registry.VersionCompleted(version) : info;
    }

    private static async Task<string?> NewestCompletedAsync(IGrainFactory grains, string modelId)
    {
        if (await grains.GetGrain<IModelGrain>(modelId).Get() is not { } model) return null;
        for (var i = model.Versions.Count - 1; i >= 0; i--)
        {
            var version = await grains.GetGrain<IModelVersionGrain>(model.Versions[i].Key).Get();
            if (version?.Status == VersionStatus.Completed) return version.Version;
        }

        return null;
    }
}
