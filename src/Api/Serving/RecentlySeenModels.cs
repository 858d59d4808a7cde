using System.Collections.Concurrent;
using HttmOrleans.Api.Endpoints;
using HttmOrleans.Runtime;

namespace HttmOrleans.Api.Serving;

/// <summary>
/// Remembers for a second that a model exists, so the serving hot path does not read the model grain
/// (a database read) on every request. A model deleted through this node is forgotten at once; one
/// deleted through another node answers 404 here at most a second later.
/// </summary>
internal static class RecentlySeenModels
{
    private const long WindowMilliseconds = 1000;
    private static readonly ConcurrentDictionary<string, long> Seen = new(StringComparer.Ordinal);

    public static async ValueTask RequireAsync(IGrainFactory grains, string modelId)
    {
        if (Seen.TryGetValue(modelId, out var at) && Environment.TickCount64 - at < WindowMilliseconds) return;
        await ModelEndpoints.Require(grains, modelId);
        Seen[modelId] = Environment.TickCount64;
    }

    public static void Forget(string modelId) => Seen.TryRemove(modelId, out _);
}
