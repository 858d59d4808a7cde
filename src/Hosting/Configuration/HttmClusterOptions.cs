using Microsoft.Extensions.Configuration;

namespace HttmOrleans.Hosting.Configuration;

/// <summary>
/// How a silo joins the cluster and where it keeps Orleans state. Bound from the <c>Httm</c>
/// section: <c>Httm:Database</c>, <c>Httm:Provider</c>, <c>Httm:Cluster:*</c>, <c>Httm:Silo:*</c>.
/// </summary>
public sealed class HttmClusterOptions
{
    /// <summary>
    /// A PostgreSQL connection string (<c>Host=…</c>) for a cluster, or a SQLite file
    /// (<c>Data Source=path.db</c> or a bare path) for the embedded single silo.
    /// </summary>
    public string Database { get; set; } = "";

    /// <summary><c>postgres</c> or <c>sqlite</c>; detected from <see cref="Database"/> when empty.</summary>
    public string? Provider { get; set; }

    /// <summary>Membership, failure detection and ports (<c>Httm:Cluster</c>).</summary>
    public HttmClusterSettings Cluster { get; set; } = new();

    /// <summary>What this silo advertises (<c>Httm:Silo</c>).</summary>
    public HttmSiloSettings Silo { get; set; } = new();

    /// <summary><c>postgres</c> or <c>sqlite</c>, or the unknown value as given (the validator names it).</summary>
    public string EffectiveProvider =>
        Provider is { Length: > 0 } p ? p.ToLowerInvariant()
        : Database.Contains("Host=", StringComparison.OrdinalIgnoreCase) || Database.Contains("Server=", StringComparison.OrdinalIgnoreCase) ? "postgres"
        : "sqlite";

    /// <summary>The connection string for the provider (a bare SQLite path becomes <c>Data Source=path</c>).</summary>
    public string EffectiveConnectionString =>
        EffectiveProvider == "sqlite" && !Database.Contains('=', StringComparison.Ordinal) ? $"Data Source={Database}" : Database;

    /// <summary>
    /// Binds the <c>Httm</c> section. <c>HTTM_CAPABILITIES</c> fills <c>Httm:Silo:Capabilities</c>
    /// when configuration does not set it; <paramref name="environment"/> replaces the process
    /// environment (for tests).
    /// </summary>
    public static HttmClusterOptions FromConfiguration(IConfiguration configuration, Func<string, string?>? environment = null)
    {
        var options = new HttmClusterOptions();
        configuration.GetSection("Httm").Bind(options);
        if (string.IsNullOrEmpty(configuration["Httm:Silo:Capabilities"])
            && (environment ?? Environment.GetEnvironmentVariable)("HTTM_CAPABILITIES") is { Length: > 0 } fromEnvironment)
            options.Silo.Capabilities = fromEnvironment;
        return options;
    }
}
