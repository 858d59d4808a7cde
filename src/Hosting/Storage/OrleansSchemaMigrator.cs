using HttmOrleans.Storage;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace HttmOrleans.Hosting.Storage;

/// <summary>
/// Applies the <c>orleans</c> migrations, and every module's set registered as a <see cref="MigrationSet"/>
/// service, at the very first silo lifecycle stage: before the membership table, grain storage and
/// reminder providers read their <c>OrleansQuery</c> rows, and before any grain touches a module's table.
/// A database the stand-in runtime of version 0.1 wrote is refused first (<see cref="LegacyRuntimeCheck"/>).
/// </summary>
internal sealed class OrleansSchemaMigrator(string provider, string connectionString, IEnumerable<MigrationSet> modules, ILogger<OrleansSchemaMigrator> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(OrleansSchemaMigrator), ServiceLifecycleStage.First, async ct =>
        {
            await LegacyRuntimeCheck.ThrowIfLegacyAsync(provider, connectionString, ct);
            await DatabaseMigrator.ApplyAsync(provider, connectionString, [OrleansMigrations.Set, .. modules.Where(m => m.Module != OrleansMigrations.Set.Module)], ct, logger);
        });
}
