using HttmOrleans.Storage;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace HttmOrleans.Hosting.Storage;

/// <summary>
/// Applies the <c>orleans</c> migrations at the very first silo lifecycle stage, before the
/// membership table, grain storage and reminder providers read their <c>OrleansQuery</c> rows.
/// </summary>
internal sealed class OrleansSchemaMigrator(string provider, string connectionString, ILogger<OrleansSchemaMigrator> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OrleansSchemaMigrator), ServiceLifecycleStage.First,
            ct => DatabaseMigrator.ApplyAsync(provider, connectionString, [OrleansMigrations.Set], ct, logger));
}
