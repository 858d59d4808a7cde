using HttmOrleans.Grains;
using HttmOrleans.Grains.Models;

namespace HttmOrleans.Api.Serving;

/// <summary>
/// This node's subscription to the cluster's active-version news (an Orleans grain observer), renewed
/// every <see cref="ActiveVersionNewsGrain.Renewal"/>; the serving caches hear every change through it.
/// </summary>
public sealed class ActiveVersionListener(IGrainFactory grains, ILogger<ActiveVersionListener> logger) : BackgroundService, IActiveVersionListener
{
    private event Action<string>? Changed;

    /// <summary>Calls <paramref name="handler"/> with a model id whenever its active version changes.</summary>
    public IDisposable Subscribe(Action<string> handler)
    {
        Changed += handler;
        return new Unsubscriber(() => Changed -= handler);
    }

    public void ActiveChanged(string modelId) => Changed?.Invoke(modelId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var self = grains.CreateObjectReference<IActiveVersionListener>(this);
        var news = grains.GetGrain<IActiveVersionNewsGrain>(ActiveVersionNewsGrain.Key);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await news.Subscribe(self).WaitAsync(TimeSpan.FromSeconds(5), stoppingToken);
                }
                catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
                {
                    logger.LogInformation("Active-version news subscription not renewed yet: {Error}", e.Message);
                }

                await Task.Delay(ActiveVersionNewsGrain.Renewal, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            grains.DeleteObjectReference<IActiveVersionListener>(self);
        }
    }

    private sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
