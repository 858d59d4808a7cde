namespace HttmOrleans.Runtime;

/// <summary>
/// Names a grain interface's type in storage. Without it the name is the interface name
/// without the leading <c>I</c> and trailing <c>Grain</c> (<c>IModelGrain</c> → <c>Model</c>).
/// The name is persisted, so renaming the interface must keep it.
/// </summary>
[AttributeUsage(AttributeTargets.Interface)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
