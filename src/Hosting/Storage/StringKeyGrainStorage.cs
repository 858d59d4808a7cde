using Orleans.Runtime;
using Orleans.Storage;

namespace HttmOrleans.Hosting.Storage;

/// <summary>
/// Keeps every grain's string key whole in <c>orleans_storage.grain_key_extension</c>. Orleans' ADO.NET
/// storage maps a key that parses as hexadecimal (<c>d1</c>, <c>42</c>, <c>cafe</c>) or as a GUID to its
/// numeric columns, so "1" and "01" would share one row and the key text would be lost to listings.
/// Prefixing the key with <see cref="Prefix"/>, which is neither, makes the provider store it as text;
/// the grain itself still sees its own key.
/// </summary>
public sealed class StringKeyGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>What every stored key starts with (<see cref="ClusterAdmin"/>-style readers strip it).</summary>
    public const string Prefix = "~";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, Stored(grainId), grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(stateName, Stored(grainId), grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, Stored(grainId), grainState);

    public void Participate(ISiloLifecycle lifecycle)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant) participant.Participate(lifecycle);
    }

    private static GrainId Stored(GrainId grainId) => GrainId.Create(grainId.Type, IdSpan.Create(Prefix + grainId.Key.ToString()));
}
