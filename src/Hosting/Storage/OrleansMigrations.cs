using HttmOrleans.Storage;

namespace HttmOrleans.Hosting.Storage;

/// <summary>
/// The <c>orleans</c> module's migrations (versions 3000–3999): the tables and <c>OrleansQuery</c>
/// rows of the ADO.NET clustering (PostgreSQL only), grain storage and reminder providers.
/// The packages ship no SQL, so the schema is ours and is versioned like every other module's.
/// </summary>
public static class OrleansMigrations
{
    /// <summary>The set to hand to the migrator.</summary>
    public static MigrationSet Set { get; } = new("orleans", OrleansPostgresMigrations.All, OrleansSqliteMigrations.All);
}
