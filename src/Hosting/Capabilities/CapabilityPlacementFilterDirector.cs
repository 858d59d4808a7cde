using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace HttmOrleans.Hosting.Capabilities;

/// <summary>
/// Keeps the silos that advertise every required capability. Unlike Orleans' built-in
/// required-match filter this compares against the grain's requirement, not the calling silo's
/// own metadata, so an API node without a GPU can still start a GPU grain elsewhere.
/// </summary>
internal sealed class CapabilityPlacementFilterDirector(SiloCapabilityDirectory directory) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var required = (filterStrategy as CapabilityPlacementFilterStrategy)?.Required ?? [];
        return required.Count == 0 ? silos : silos.Where(silo => directory.Has(silo, required));
    }
}
