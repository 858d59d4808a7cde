using HttmOrleans.Grains;
using HttmOrleans.Grains.Models;
using HttmOrleans.Runtime;

namespace HttmOrleans.Api.Infrastructure;

/// <summary>
/// Reads a model's registry the way a client expects after seeing a version complete. The first
/// completed version activates itself through a one-way message the version sends after its turn
/// commits, so for a few milliseconds a reader can see <c>completed</c> while the registry has
/// nothing active yet. When the registry is empty but a completed version exists, this waits
/// (bounded) for that message to land instead of answering "no active version".
/// </summary>
internal static class SettledRegistry
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static async Task<RegistryInfo> GetAsync(IGrainFactory grains, string modelId, CancellationToken ct = default)
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(modelId);
        var info = await registry.Get();
        if (info.ActiveVersion is not null || !await AnyCompletedAsync(grains, modelId)) return info;
        var deadline = DateTime.UtcNow + Patience;
        while (info.ActiveVersion is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, ct);
            info = await registry.Get();
        }

        return info;
    }

    private static async Task<bool> AnyCompletedAsync(IGrainFactory grains, string modelId)
    {
        if (await grains.GetGrain<IModelGrain>(modelId).Get() is not { } model) return false;
        for (var i = model.Versions.Count - 1; i >= 0; i--)
        {
            var version = await grains.GetGrain<IModelVersionGrain>(model.Versions[i].Key).Get();
            if (version?.Status == VersionStatus.Completed) return true;
        }

        return false;
    }
}
