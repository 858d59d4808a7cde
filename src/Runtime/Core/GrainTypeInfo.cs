using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace HttmOrleans.Runtime.Core;

/// <summary>What the runtime knows about one grain type: its persisted name, interface, class and methods.</summary>
internal sealed class GrainTypeInfo
{
    private readonly ObjectFactory _factory;
    private readonly Dictionary<string, MethodInfo> _methods = new(StringComparer.Ordinal);

    public GrainTypeInfo(Type grainInterface, Type grainClass)
    {
        Interface = grainInterface;
        Class = grainClass;
        Name = NameOf(grainInterface);
        _factory = ActivatorUtilities.CreateFactory(grainClass, Type.EmptyTypes);
        foreach (var method in AllMethods(grainInterface)) _methods[Signature(method)] = method;
    }

    public string Name { get; }
    public Type Interface { get; }
    public Type Class { get; }

    public Grain Create(IServiceProvider services) => (Grain)_factory(services, null);

    public MethodInfo? FindMethod(string signature) => _methods.GetValueOrDefault(signature);

    public static string NameOf(Type grainInterface)
    {
        if (grainInterface.GetCustomAttribute<GrainTypeAttribute>() is { } attribute) return attribute.Name;
        var name = grainInterface.Name;
        if (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1])) name = name[1..];
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > 5) name = name[..^5];
        return name;
    }

    /// <summary>A stable name for a method, persisted with outbox messages: <c>Name(ParamType,…)</c>.</summary>
    public static string Signature(MethodInfo method) =>
        method.Name + "(" + string.Join(",", method.GetParameters().Select(p => p.ParameterType.Name)) + ")";

    /// <summary>The interface's methods and those of the grain interfaces it extends (IRemindable and IJobOwner included).</summary>
    public static IEnumerable<MethodInfo> AllMethods(Type grainInterface) =>
        new[] { grainInterface }.Concat(grainInterface.GetInterfaces()).SelectMany(i => i.GetMethods());
}
