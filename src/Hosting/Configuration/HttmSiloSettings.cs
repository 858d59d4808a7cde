namespace HttmOrleans.Hosting.Configuration;

/// <summary><c>Httm:Silo:*</c>: published as Orleans silo metadata, read by capability placement.</summary>
public sealed class HttmSiloSettings
{
    /// <summary>Comma-separated capabilities, e.g. <c>cpu,gpu</c> (also <c>HTTM_CAPABILITIES</c>).</summary>
    public string Capabilities { get; set; } = "cpu";

    /// <summary><c>silo</c> for a headless silo, <c>api</c> for an API node co-hosting one.</summary>
    public string Role { get; set; } = "silo";

    /// <summary>The silo's name in membership and on the dashboards (<c>--id</c>); the machine name when empty.</summary>
    public string? Id { get; set; }
}
