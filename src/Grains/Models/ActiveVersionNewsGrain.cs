using HttmOrleans.Grains.Models;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace HttmOrleans.Grains;

/// <summary>Fans registry changes out to the API nodes' observers; subscriptions not renewed within <see cref="Expiry"/> are dropped.</summary>
public sealed class ActiveVersionNewsGrain(ILogger<ActiveVersionNewsGrain> logger) : Grain, IActiveVersionNewsGrain
{
    /// <summary>The one key.</summary>
    public const string Key = "default";

    /// <summary>How long a subscription lasts unless renewed (listeners renew every <see cref="Renewal"/>).</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(1);

    /// <summary>How often a listener renews.</summary>
    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(15);

    private readonly ObserverManager<IActiveVersionListener> _listeners = new(Expiry, logger);

    public Task Subscribe(IActiveVersionListener listener)
    {
        _listeners.Subscribe(listener, listener);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IActiveVersionListener listener)
    {
        _listeners.Unsubscribe(listener);
        return Task.CompletedTask;
    }

    public Task Publish(string modelId)
    {
        _listeners.Notify(l => l.ActiveChanged(modelId));
        return Task.CompletedTask;
    }
}
