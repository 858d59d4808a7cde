namespace HttmOrleans.Runtime.Core;

/// <summary>A grain interface and the class that implements it, as registered with <c>AddGrain</c>.</summary>
internal sealed record GrainRegistration(Type Interface, Type Class);

/// <summary>Maps grain interfaces and persisted type names to grain classes.</summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainTypeInfo> _byInterface = [];
    private readonly Dictionary<string, GrainTypeInfo> _byName = new(StringComparer.Ordinal);

    public GrainTypeRegistry(IEnumerable<GrainRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            var info = new GrainTypeInfo(registration.Interface, registration.Class);
            if (_byName.TryGetValue(info.Name, out var existing) && existing.Class != info.Class)
                throw new InvalidOperationException($"Grain type name '{info.Name}' is used by both {existing.Class} and {info.Class}.");
            _byInterface[registration.Interface] = info;
            _byName[info.Name] = info;
        }
    }

    public GrainTypeInfo Get(Type grainInterface) =>
        _byInterface.GetValueOrDefault(grainInterface)
        ?? throw new InvalidOperationException($"No grain class is registered for {grainInterface.Name}; call services.AddGrain<{grainInterface.Name}, TGrain>().");

    public GrainTypeInfo? Find(string name) => _byName.GetValueOrDefault(name);

    public IEnumerable<GrainTypeInfo> All => _byName.Values;
}
