using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace HttmOrleans.Hosting.Capabilities;

/// <summary>
/// Answers "which active silos can run this?" from Orleans membership and the silo metadata
/// cache, e.g. for a version grain that stays queued and names the capability nobody offers.
/// </summary>
public sealed class SiloCapabilityDirectory(
    IClusterMembershipService membership, ISiloMetadataCache metadataCache, ILocalSiloDetails localSilo, IOptions<SiloMetadata> localMetadata)
{
    /// <summary>The capabilities <paramref name="silo"/> advertises (none while its metadata is not yet known).</summary>
    public IReadOnlyList<string> CapabilitiesOf(SiloAddress silo)
    {
        // The local silo's own entry reaches the cache only after a round trip; its options are known at once.
        var metadata = silo.Equals(localSilo.SiloAddress) ? localMetadata.Value : metadataCache.GetSiloMetadata(silo);
        return SiloCapabilities.FromMetadata(metadata.Metadata.GetValueOrDefault(SiloCapabilities.MetadataKey));
    }

    /// <summary>True when <paramref name="silo"/> advertises every one of <paramref name="required"/>.</summary>
    public bool Has(SiloAddress silo, IReadOnlyList<string> required)
    {
        var offered = CapabilitiesOf(silo);
        return required.All(offered.Contains);
    }

    /// <summary>The active silos that advertise <paramref name="capability"/>.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilosWith(string capability)
    {
        var wanted = capability.Trim().ToLowerInvariant();
        return [.. membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && CapabilitiesOf(m.SiloAddress).Contains(wanted))
            .Select(m => m.SiloAddress)];
    }
}
