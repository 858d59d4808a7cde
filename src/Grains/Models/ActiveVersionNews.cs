using HttmOrleans.Grains.Models;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.Grains;

/// <summary>
/// Tells every API node that a model's active version changed, through <see cref="IActiveVersionNewsGrain"/>.
/// Best effort: a node that misses it catches up at its periodic re-check.
/// </summary>
public sealed class ActiveVersionNews(IGrainFactory grains, ILogger<ActiveVersionNews> logger)
{
    public async Task PublishAsync(string modelId)
    {
        try
        {
            await grains.GetGrain<IActiveVersionNewsGrain>(ActiveVersionNewsGrain.Key).Publish(modelId);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
        {
            logger.LogWarning("News of {Model}'s active version not published ({Error}); nodes pick it up at their re-check", modelId, e.Message);
        }
    }
}
