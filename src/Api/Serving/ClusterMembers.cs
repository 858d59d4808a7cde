using HttmOrleans.Hosting.Capabilities;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace HttmOrleans.Api.Serving;

/// <summary>The cluster's silos as Orleans membership knows them, with the role and capabilities they advertise.</summary>
internal sealed class ClusterMembers(
    IClusterMembershipService membership, ISiloMetadataCache metadata, SiloCapabilityDirectory capabilities, ILocalSiloDetails local, IGrainFactory grains)
{
    public sealed record Member(string Id, string Name, string Address, string Role, IReadOnlyList<string> Capabilities, string Status, int? Activations, bool IsLocal);

    public async Task<IReadOnlyList<Member>> ListAsync()
    {
        var members = membership.CurrentSnapshot.Members.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var activations = new Dictionary<SiloAddress, int>();
        var active = members.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToArray();
        try
        {
            var stats = await grains.GetGrain<IManagementGrain>(0).GetRuntimeStatistics(active).WaitAsync(TimeSpan.FromSeconds(2));
            for (var i = 0; i < active.Length && i < stats.Length; i++) activations[active[i]] = stats[i].ActivationCount;
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
        {
            // A silo dying right now: list what membership knows, without counts.
        }

        return [.. members.Select(m => new Member(
            m.SiloAddress.ToParsableString(), m.Name, m.SiloAddress.Endpoint.ToString(), RoleOf(m.SiloAddress), capabilities.CapabilitiesOf(m.SiloAddress),
            StatusText(m.Status), activations.TryGetValue(m.SiloAddress, out var n) ? n : null, m.SiloAddress.Equals(local.SiloAddress)))];
    }

    private string RoleOf(SiloAddress silo)
    {
        try
        {
            return metadata.GetSiloMetadata(silo).Metadata.GetValueOrDefault(SiloCapabilities.RoleKey) ?? "silo";
        }
        catch (KeyNotFoundException)
        {
            return "silo";
        }
    }

    private static string StatusText(SiloStatus status) => status switch
    {
        SiloStatus.Active => "active",
        SiloStatus.Dead => "dead",
        SiloStatus.ShuttingDown or SiloStatus.Stopping => "shutting down",
        _ => "joining",
    };
}
