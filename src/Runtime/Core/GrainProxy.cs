using System.Reflection;

namespace HttmOrleans.Runtime.Core;

/// <summary>The object behind a grain reference: every call becomes one turn of the grain.</summary>
public class GrainProxy : DispatchProxy
{
    private GrainRuntime? _runtime;
    private GrainTypeInfo? _type;
    private string _key = "";

    internal void Bind(GrainRuntime runtime, GrainTypeInfo type, string key)
    {
        _runtime = runtime;
        _type = type;
        _key = key;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var task = _runtime!.InvokeAsync(_type!, _key, targetMethod, args ?? []);
        return MethodInvoker.ToDeclaredTask(targetMethod.ReturnType, task);
    }
}

/// <summary>Stands in for a grain while a one-way send is written: it only records the call.</summary>
public class RecordingProxy : DispatchProxy
{
    internal MethodInfo? Method { get; private set; }
    internal object?[] Arguments { get; private set; } = [];

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (Method is not null) throw new GrainCallException("A one-way send makes exactly one call on the grain.");
        Method = targetMethod;
        Arguments = args ?? [];
        return MethodInvoker.Completed(targetMethod.ReturnType);
    }
}
