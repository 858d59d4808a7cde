using Orleans.Placement;

namespace HttmOrleans.Hosting.Capabilities;

/// <summary>
/// Activates the grain only on silos whose <c>capabilities</c> metadata lists every one of
/// <see cref="Capabilities"/>, whichever silo makes the call. With no such silo active, the call
/// fails with Orleans' "No active nodes are compatible with grain …" <see cref="Orleans.Runtime.OrleansException"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequiresCapabilityAttribute(params string[] capabilities)
    : PlacementFilterAttribute(new CapabilityPlacementFilterStrategy(Parse(capabilities), order: 0))
{
    /// <summary>The required capabilities, lower-case.</summary>
    public IReadOnlyList<string> Capabilities { get; } = Parse(capabilities);

    private static IReadOnlyList<string> Parse(string[] capabilities) =>
        SiloCapabilities.TryParse(string.Join(",", capabilities), out var parsed, out var problem)
            ? parsed
            : throw new ArgumentException($"[RequiresCapability] {problem}", nameof(capabilities));
}
