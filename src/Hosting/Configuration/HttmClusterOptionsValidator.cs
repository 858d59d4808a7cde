using System.Net;
using HttmOrleans.Hosting.Capabilities;
using Microsoft.Extensions.Options;

namespace HttmOrleans.Hosting.Configuration;

/// <summary>Names the setting and the reason for every bad value, so start-up fails with one readable line.</summary>
public sealed class HttmClusterOptionsValidator : IValidateOptions<HttmClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, HttmClusterOptions options)
    {
        var problems = Problems(options).Select(p => $"{p.Setting} {p.Reason}").ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Everything wrong with <paramref name="options"/>, as (setting, reason) pairs.</summary>
    public static IEnumerable<(string Setting, string Reason)> Problems(HttmClusterOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Database))
            yield return ("Httm:Database", "is required: a PostgreSQL connection string or a SQLite file path");
        if (options.EffectiveProvider is not ("postgres" or "sqlite"))
            yield return ("Httm:Provider", $"'{options.Provider}' is not 'postgres' or 'sqlite'");

        var cluster = options.Cluster;
        if (string.IsNullOrWhiteSpace(cluster.ClusterId)) yield return ("Httm:Cluster:ClusterId", "must not be empty");
        if (string.IsNullOrWhiteSpace(cluster.ServiceId)) yield return ("Httm:Cluster:ServiceId", "must not be empty");
        if (cluster.SiloPort is < 1 or > 65535) yield return ("Httm:Cluster:SiloPort", $"must be a port between 1 and 65535 (got {cluster.SiloPort})");
        if (cluster.GatewayPort is < 1 or > 65535) yield return ("Httm:Cluster:GatewayPort", $"must be a port between 1 and 65535 (got {cluster.GatewayPort})");
        if (cluster.SiloPort == cluster.GatewayPort) yield return ("Httm:Cluster:GatewayPort", $"must differ from Httm:Cluster:SiloPort (both {cluster.SiloPort})");
        if (cluster.AdvertisedAddress is { Length: > 0 } address && !IPAddress.TryParse(address, out _))
            yield return ("Httm:Cluster:AdvertisedAddress", $"'{address}' is not an IP address");
        if (cluster.ProbeTimeout < TimeSpan.FromMilliseconds(100) || cluster.ProbeTimeout > TimeSpan.FromMinutes(1))
            yield return ("Httm:Cluster:ProbeTimeout", $"must be between 00:00:00.1 and 00:01:00 (got {cluster.ProbeTimeout})");
        if (cluster.TableRefreshTimeout < TimeSpan.FromMilliseconds(100) || cluster.TableRefreshTimeout > TimeSpan.FromMinutes(10))
            yield return ("Httm:Cluster:TableRefreshTimeout", $"must be between 00:00:00.1 and 00:10:00 (got {cluster.TableRefreshTimeout})");
        if (cluster.NumMissedProbesLimit is < 1 or > 10)
            yield return ("Httm:Cluster:NumMissedProbesLimit", $"must be between 1 and 10 (got {cluster.NumMissedProbesLimit})");
        if (cluster.NumVotesForDeathDeclaration is < 1 or > 10)
            yield return ("Httm:Cluster:NumVotesForDeathDeclaration", $"must be between 1 and 10 (got {cluster.NumVotesForDeathDeclaration})");

        if (!SiloCapabilities.TryParse(options.Silo.Capabilities, out _, out var why))
            yield return ("Httm:Silo:Capabilities", why);
        if (!SiloCapabilities.IsName(options.Silo.Role))
            yield return ("Httm:Silo:Role", $"'{options.Silo.Role}' must be a lower-case name such as silo or api");
    }
}
