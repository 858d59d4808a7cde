using System.Collections.Concurrent;

namespace HttmOrleans.Grains;

/// <summary>Unpacked artifacts on this node, fetched from the store once per id (content-addressed, so never stale).</summary>
public sealed class ArtifactCache(IArtifactStore store, GrainsOptions options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    /// <summary>The local folder holding artifact <paramref name="id"/>, unpacking it first if needed.</summary>
    public async Task<string> GetDirectoryAsync(string id, CancellationToken ct)
    {
        if (!ArtifactPacking.IsValidId(id)) throw new ArgumentException($"'{id}' is not an artifact id.", nameof(id));
        var target = Path.GetFullPath(Path.Combine(options.CacheDirectory, "artifacts", id));
        if (Directory.Exists(target)) return target;
        var gate = _locks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (!Directory.Exists(target)) await store.ExtractAsync(id, target, ct);
            return target;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Drops the local copy (after the artifact was deleted).</summary>
    public void Evict(string id)
    {
        if (!ArtifactPacking.IsValidId(id)) return;
        var target = Path.Combine(options.CacheDirectory, "artifacts", id);
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
    }
}
