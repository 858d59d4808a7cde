namespace HttmOrleans.Hosting.Configuration;

/// <summary>
/// <c>Httm:Cluster:*</c>. The failure-detection defaults were measured here (docs/orleans.md):
/// a SIGKILLed silo is declared dead in about a second, against 5–13 s with Orleans' defaults.
/// </summary>
public sealed class HttmClusterSettings
{
    /// <summary>Orleans cluster id: silos with the same id on the same database form one cluster.</summary>
    public string ClusterId { get; set; } = "httm";

    /// <summary>Orleans service id: grain state and reminders are keyed by it, so it must outlive deployments.</summary>
    public string ServiceId { get; set; } = "httm";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The IP address other silos reach this one on (PostgreSQL clusters); empty picks this host's.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>How long a liveness probe may take before it counts as missed.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes before a silo suspects another.</summary>
    public int NumMissedProbesLimit { get; set; } = 2;

    /// <summary>Suspicions needed to declare a silo dead.</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 1;

    /// <summary>How often each silo re-reads the membership table.</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
