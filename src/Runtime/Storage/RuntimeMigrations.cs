using HttmOrleans.Storage;

namespace HttmOrleans.Runtime.Storage;

/// <summary>The runtime's own tables (grains, outbox, reminders, jobs, silos), versions 1–999, applied before the modules' sets.</summary>
internal static class RuntimeMigrations
{
    public static MigrationSet Set { get; } = new("runtime", PostgresMigrations.All, SqliteMigrations.All);
}
