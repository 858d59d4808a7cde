namespace HttmOrleans.Runtime;

/// <summary>Hands out references to grains; a call on a reference is one turn of that grain.</summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain of interface <typeparamref name="T"/> with the given key. Cheap; nothing is loaded until a call.</summary>
    T GetGrain<T>(string key) where T : class, IGrainWithStringKey;
}
