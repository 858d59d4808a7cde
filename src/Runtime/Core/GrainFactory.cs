using System.Reflection;

namespace HttmOrleans.Runtime.Core;

internal sealed class GrainFactory(GrainRuntime runtime, GrainTypeRegistry types) : IGrainFactory
{
    public T GetGrain<T>(string key) where T : class, IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var proxy = DispatchProxy.Create<T, GrainProxy>();
        ((GrainProxy)(object)proxy).Bind(runtime, types.Get(typeof(T)), key);
        return proxy;
    }
}
