namespace HttmOrleans.Storage;

/// <summary>
/// A module's own tables (datasets, artifacts, …), applied at start-up by <see cref="DatabaseMigrator"/>.
/// Versions share the <c>schema_migrations</c> table, so each module keeps to its own range:
/// the runtime uses 1–999, <c>grains</c> 1000–1999, <c>datachefs</c> 2000–2999, <c>orleans</c> 3000–3999.
/// </summary>
public sealed record MigrationSet(string Module, IReadOnlyList<Migration> Postgres, IReadOnlyList<Migration> Sqlite)
{
    /// <summary>The dialect's list for <paramref name="provider"/> (<c>postgres</c> or <c>sqlite</c>).</summary>
    public IReadOnlyList<Migration> For(string provider) => provider == "postgres" ? Postgres : Sqlite;
}
