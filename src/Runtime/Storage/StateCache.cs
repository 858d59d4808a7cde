using System.Collections.Concurrent;

namespace HttmOrleans.Runtime.Storage;

/// <summary>
/// Per-node cache of grains' serialized state, keyed by etag: a turn asks the database only
/// for the etag and reuses the cached JSON when it is unchanged. JSON, not objects, so a turn
/// that mutates its state and then fails can never leak into the next turn.
/// </summary>
internal sealed class StateCache(int capacity)
{
    private readonly ConcurrentDictionary<GrainId, (long Etag, string? Json)> _entries = new();

    public long CachedEtag(GrainId grain) => _entries.TryGetValue(grain, out var entry) ? entry.Etag : -1;

    public bool TryGet(GrainId grain, long etag, out string? json)
    {
        if (_entries.TryGetValue(grain, out var entry) && entry.Etag == etag)
        {
            json = entry.Json;
            return true;
        }
        json = null;
        return false;
    }

    public void Put(GrainId grain, long etag, string? json)
    {
        // A crude bound: grains are many and cheap to reload, so dropping everything now and then is fine.
        if (_entries.Count >= capacity) _entries.Clear();
        _entries[grain] = (etag, json);
    }

    public void Remove(GrainId grain) => _entries.TryRemove(grain, out _);
}
