namespace HttmOrleans.Runtime.Hosting;

/// <summary>Where the runtime keeps everything. Bound from the <c>Httm</c> configuration section.</summary>
public sealed class RuntimeOptions
{
    /// <summary>
    /// A PostgreSQL connection string (<c>Host=…</c>) for a cluster, or a SQLite file
    /// (<c>Data Source=path.db</c> or a bare path) for the embedded default.
    /// </summary>
    public string Database { get; set; } = "";

    /// <summary><c>postgres</c> or <c>sqlite</c>; detected from <see cref="Database"/> when empty.</summary>
    public string? Provider { get; set; }

    public SiloOptions Silo { get; set; } = new();

    public string EffectiveProvider =>
        Provider is { Length: > 0 } p ? p.ToLowerInvariant()
        : Database.Contains("Host=", StringComparison.OrdinalIgnoreCase) || Database.Contains("Server=", StringComparison.OrdinalIgnoreCase) ? "postgres"
        : "sqlite";

    public string EffectiveConnectionString =>
        EffectiveProvider == "sqlite" && !Database.Contains('=', StringComparison.Ordinal) ? $"Data Source={Database}" : Database;

    /// <summary>Everything wrong with these options, as (setting, reason) pairs.</summary>
    public IEnumerable<(string Setting, string Reason)> Problems()
    {
        if (string.IsNullOrWhiteSpace(Database)) yield return ("Httm:Database", "is required: a PostgreSQL connection string or a SQLite file path");
        if (EffectiveProvider is not ("postgres" or "sqlite")) yield return ("Httm:Provider", $"'{Provider}' is not 'postgres' or 'sqlite'");
        if (Silo.Enabled && Silo.EffectiveCapabilities.Count == 0) yield return ("Httm:Silo:Capabilities", "must name at least one capability, e.g. cpu");
        if (Silo.MaxConcurrentJobs < 1) yield return ("Httm:Silo:MaxConcurrentJobs", "must be at least 1");
        if (Silo.JobLease < TimeSpan.FromSeconds(1)) yield return ("Httm:Silo:JobLease", "must be at least 1 second");
        if (Silo.ReminderLease < TimeSpan.FromSeconds(1)) yield return ("Httm:Silo:ReminderLease", "must be at least 1 second");
        if (Silo.HeartbeatInterval <= TimeSpan.Zero) yield return ("Httm:Silo:HeartbeatInterval", "must be positive");
        if (Silo.PollInterval <= TimeSpan.Zero) yield return ("Httm:Silo:PollInterval", "must be positive");
    }
}
