using HttmOrleans.Grains.Models;
using HttmOrleans.Storage;

namespace HttmOrleans.Grains;

/// <summary>
/// Tells every node that a model's active version changed (PostgreSQL NOTIFY across the cluster,
/// in-process on SQLite); serving nodes swap at once and re-check periodically as the safety net.
/// </summary>
public sealed class ActiveVersionNews(HttmDatabase db)
{
    public Task PublishAsync(string modelId) => db.SignalAsync(RegistrySignals.ActiveChanged, modelId, CancellationToken.None);
}
