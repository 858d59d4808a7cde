using System.Collections.Concurrent;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Training;
using HttmOrleans.Recommend.Serving;
using HttmOrleans.Recommend.Training;
using HttmOrleans.Runtime;
using HttmOrleans.Runtime.Storage;

namespace HttmOrleans.Api.Serving;

/// <summary>
/// Each node's in-memory recommenders: the active version of every model, swapped atomically when the
/// registry signals a change (a request takes one reference and uses only it), plus a few named versions.
/// </summary>
public sealed class RecommendationServing : IDisposable
{
    private const int MaxNamedVersions = 8;
    private readonly IGrainFactory _grains;
    private readonly ArtifactCache _cache;
    private readonly ILogger<RecommendationServing> _logger;
    private readonly ConcurrentDictionary<string, Task<Loaded>> _active = new();
    private readonly ConcurrentDictionary<string, Task<Loaded>> _named = new();
    private readonly IDisposable _subscription;

    public RecommendationServing(IGrainFactory grains, ArtifactCache cache, HttmDatabase db, ILogger<RecommendationServing> logger)
    {
        _grains = grains;
        _cache = cache;
        _logger = logger;
        _subscription = db.Signals.Subscribe((topic, modelId) =>
        {
            if (topic == RegistrySignals.ActiveChanged && _active.ContainsKey(modelId)) _ = SwapAsync(modelId);
        });
    }

    /// <summary>A loaded model version.</summary>
    public sealed record Loaded(string ModelId, string Version, TrainedRecommender Model);

    /// <summary>The active version (or <paramref name="version"/>) of a recommendation model, loaded.</summary>
    public async Task<Loaded> GetAsync(string modelId, string? version, CancellationToken ct)
    {
        if (version is not null)
        {
            if (_named.Count > MaxNamedVersions) _named.Clear();
            return await Retry(_named, modelId + "/" + version, () => LoadAsync(modelId, version, ct));
        }

        return await Retry(_active, modelId, async () =>
        {
            var registry = await _grains.GetGrain<IModelRegistryGrain>(modelId).Get();
            var active = registry.ActiveVersion ?? throw new ConflictException($"Model '{modelId}' has no active version yet; train one first.");
            return await LoadAsync(modelId, active, ct);
        });
    }

    private async Task SwapAsync(string modelId)
    {
        try
        {
            var registry = await _grains.GetGrain<IModelRegistryGrain>(modelId).Get();
            if (registry.ActiveVersion is not { } active) return;
            var current = _active.TryGetValue(modelId, out var task) && task.IsCompletedSuccessfully ? task.Result : null;
            if (current?.Version == active) return;
            var next = await LoadAsync(modelId, active, CancellationToken.None);
            _active[modelId] = Task.FromResult(next);
            _logger.LogInformation("Now serving {Model} version {Version}", modelId, active);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogWarning(e, "Could not load the new active version of {Model}; requests load it on demand", modelId);
            _active.TryRemove(modelId, out _);
        }
    }

    private async Task<Loaded> LoadAsync(string modelId, string version, CancellationToken ct)
    {
        var info = await _grains.GetGrain<IModelVersionGrain>(VersionRef.KeyOf(modelId, version)).Get()
            ?? throw new NotFoundException("version", VersionRef.KeyOf(modelId, version));
        if (info.Kind != ModelKinds.Recommendation) throw new ConflictException($"Model '{modelId}' is a {info.Kind} model; it does not recommend.");
        if (info.Status != VersionStatus.Completed || info.ArtifactId is null)
            throw new ConflictException($"Version '{version}' is {info.Status}; only a completed version serves.");
        var directory = await _cache.GetDirectoryAsync(info.ArtifactId, ct);
        return new Loaded(modelId, version, RecommenderArtifact.Load(directory));
    }

    /// <summary>Shares one load between concurrent requests; a failed load is forgotten so the next request tries again.</summary>
    private static async Task<Loaded> Retry(ConcurrentDictionary<string, Task<Loaded>> map, string key, Func<Task<Loaded>> load)
    {
        var task = map.GetOrAdd(key, _ => load());
        try
        {
            return await task;
        }
        catch
        {
            map.TryRemove(new KeyValuePair<string, Task<Loaded>>(key, task));
            throw;
        }
    }

    public void Dispose() => _subscription.Dispose();
}
