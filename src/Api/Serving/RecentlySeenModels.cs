using System.Collections.Concurrent;
using HttmOrleans.Api.Endpoints;
using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Api.Serving;

/// <summary>
/// Remembers for a second that a model exists, so the serving hot path does not read the model grain
/// (a database read) on every request. A model deleted through this node is forgotten at once; one
/// deleted through another node answers 404 here at most a second later.
/// </summary>
internal sealed class RecentlySeenModels(IGrainFactory grains)
{
    private const long WindowMilliseconds = 1000;
    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);

    public async ValueTask RequireAsync(string modelId)
    {
        if (_seen.TryGetValue(modelId, out var at) && Environment.TickCount64 - at < WindowMilliseconds) return;
        await ModelEndpoints.Require(grains, modelId);
        _seen[modelId] = Environment.TickCount64;
    }

    public void Forget(string modelId) => _seen.TryRemove(modelId, out _);
}
