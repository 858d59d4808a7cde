using System.Collections.Concurrent;
using HttmOrleans.Api.Infrastructure;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Api.Serving;

/// <summary>
/// A node's loaded models of one kind: the active version of every model, swapped atomically when the
/// registry signals a change (a request takes one reference and uses only it), plus a few named
/// versions. Replaced instances are disposed after a grace period so in-flight requests finish.
/// </summary>
public abstract class ActiveVersionCache<T> : IDisposable where T : class
{
    private const int MaxNamedVersions = 8;
    private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(30);
    private readonly IGrainFactory _grains;
    private readonly ArtifactCache _artifacts;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Task<Loaded>> _active = new();
    private readonly ConcurrentDictionary<string, Task<Loaded>> _named = new();
    private readonly IDisposable _subscription;
    private readonly Timer _recheck;

    /// <summary>How often loaded models are checked against their registry, in case news of a change was lost.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(10);

    protected ActiveVersionCache(IGrainFactory grains, ArtifactCache artifacts, ActiveVersionListener news, ILogger logger)
    {
        _grains = grains;
        _artifacts = artifacts;
        _logger = logger;
        _subscription = news.Subscribe(modelId =>
        {
            if (_active.ContainsKey(modelId)) _ = SwapAsync(modelId);
        });
        _recheck = new Timer(_ =>
        {
            foreach (var modelId in _active.Keys) _ = SwapAsync(modelId);
        }, null, RecheckInterval, RecheckInterval);
    }

    /// <summary>A loaded model version.</summary>
    public sealed record Loaded(string ModelId, string Version, T Model);

    /// <summary>The model kind this cache serves.</summary>
    protected abstract string Kind { get; }

    /// <summary>What the kind is called in errors ("recommend", "summarize").</summary>
    protected abstract string Verb { get; }

    /// <summary>Loads a version's unpacked artifact.</summary>
    protected abstract Task<T> LoadAsync(VersionInfo version, string directory, CancellationToken ct);

    /// <summary>The active version (or <paramref name="version"/>) of a model, loaded.</summary>
    public async Task<Loaded> GetAsync(string modelId, string? version, CancellationToken ct)
    {
        if (version is not null)
        {
            if (_named.Count > MaxNamedVersions)
            {
                foreach (var key in _named.Keys) if (_named.TryRemove(key, out var old)) Retire(old);
            }

            return await Shared(_named, modelId + "/" + version, () => LoadVersionAsync(modelId, version, ct));
        }

        return await Shared(_active, modelId, async () =>
        {
            var registry = await SettledRegistry.GetAsync(_grains, modelId);
            var active = registry.ActiveVersion ?? throw new ConflictException($"Model '{modelId}' has no active version yet; train one first.");
            return await LoadVersionAsync(modelId, active, ct);
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
            var next = await LoadVersionAsync(modelId, active, CancellationToken.None);
            if (_active.TryGetValue(modelId, out var replaced)) Retire(replaced);
            _active[modelId] = Task.FromResult(next);
            _logger.LogInformation("Now serving {Model} version {Version}", modelId, active);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogWarning(e, "Could not load the new active version of {Model}; requests load it on demand", modelId);
            if (_active.TryRemove(modelId, out var stale)) Retire(stale);
        }
    }

    private async Task<Loaded> LoadVersionAsync(string modelId, string version, CancellationToken ct)
    {
        var info = await _grains.GetGrain<IModelVersionGrain>(VersionRef.KeyOf(modelId, version)).Get()
            ?? throw new NotFoundException("version", VersionRef.KeyOf(modelId, version));
        if (info.Kind != Kind) throw new ConflictException($"Model '{modelId}' is a {info.Kind} model; it does not {Verb}.");
        if (info.Status != VersionStatus.Completed || info.ArtifactId is null)
            throw new ConflictException($"Version '{version}' is {info.Status}; only a completed version serves.");
        var directory = await _artifacts.GetDirectoryAsync(info.ArtifactId, ct);
        return new Loaded(modelId, version, await LoadAsync(info, directory, ct));
    }

    /// <summary>Disposes a replaced model once requests that took it have had time to finish.</summary>
    private void Retire(Task<Loaded> task)
    {
        if (!task.IsCompletedSuccessfully || task.Result.Model is not IAsyncDisposable disposable) return;
        _ = Task.Delay(DisposeGrace).ContinueWith(_ => disposable.DisposeAsync().AsTask(), TaskScheduler.Default).Unwrap();
    }

    /// <summary>Shares one load between concurrent requests; a failed load is forgotten so the next request tries again.</summary>
    private static async Task<Loaded> Shared(ConcurrentDictionary<string, Task<Loaded>> map, string key, Func<Task<Loaded>> load)
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

    public void Dispose()
    {
        _subscription.Dispose();
        _recheck.Dispose();
        foreach (var task in _active.Values.Concat(_named.Values))
            if (task.IsCompletedSuccessfully && task.Result.Model is IAsyncDisposable d) d.DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }
}
