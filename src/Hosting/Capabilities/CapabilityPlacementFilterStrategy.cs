using Orleans.Metadata;
using Orleans.Placement;
using Orleans.Runtime;

namespace HttmOrleans.Hosting.Capabilities;

/// <summary>
/// Placement filter data for <see cref="RequiresCapabilityAttribute"/>: the capabilities travel in
/// the grain type's properties (so every silo's placement sees them), and Orleans rebuilds this
/// strategy from them through the parameterless constructor.
/// </summary>
public sealed class CapabilityPlacementFilterStrategy : PlacementFilterStrategy
{
    private const string CapabilitiesProperty = "capabilities";

    public CapabilityPlacementFilterStrategy()
        : base(0)
    {
    }

    internal CapabilityPlacementFilterStrategy(IReadOnlyList<string> required, int order)
        : base(order)
    {
        Required = required;
    }

    /// <summary>Every one of these must be advertised by a silo for the grain to activate there.</summary>
    public IReadOnlyList<string> Required { get; private set; } = [];

    public override void AdditionalInitialize(GrainProperties properties)
    {
        var value = GetPlacementFilterGrainProperty(CapabilitiesProperty, properties)
            ?? throw new ArgumentException($"Grain properties lack the {CapabilitiesProperty} of {nameof(CapabilityPlacementFilterStrategy)}.", nameof(properties));
        Required = SiloCapabilities.FromMetadata(value);
    }

    protected override IEnumerable<KeyValuePair<string, string>> GetAdditionalGrainProperties(
        IServiceProvider services, Type grainClass, GrainType grainType, IReadOnlyDictionary<string, string> existingProperties)
    {
        yield return new KeyValuePair<string, string>(CapabilitiesProperty, string.Join(",", Required));
    }
}
