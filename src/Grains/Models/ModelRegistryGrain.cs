using HttmOrleans.Grains.Models;

namespace HttmOrleans.Grains;

/// <summary>One active version per model, with history and rollback. One turn at a time makes concurrent activations safe.</summary>
public sealed class ModelRegistryGrain(
    [PersistentState(GrainTypes.ModelRegistry, GrainStore.Name)] IPersistentState<RegistryInfo> state, ClusterAdmin journal, ActiveVersionNews news)
    : HttmGrain<RegistryInfo>(state, journal, GrainTypes.ModelRegistry), IModelRegistryGrain
{
    public async Task<RegistryInfo> Activate(string version, string by)
    {
        var info = await GrainFactory.GetGrain<IModelVersionGrain>(VersionRef.KeyOf(Key, version)).Get()
            ?? throw new NotFoundException("version", VersionRef.KeyOf(Key, version));
        if (info.Status != VersionStatus.Completed)
            throw new ConflictException($"Version '{version}' is {info.Status}; only a completed version can be activated.");
        if (State.ActiveVersion == version) return Init();
        Change(version, "activate", by);
        await WriteStateAsync();
        await news.PublishAsync(State.ModelId);
        return State;
    }

    public async Task<RegistryInfo> Rollback(string by)
    {
        Init();
        var target = PreviousActive()
            ?? throw new ConflictException($"Model '{State.ModelId}' has no earlier active version to roll back to.");
        Change(target, "rollback", by);
        await WriteStateAsync();
        await news.PublishAsync(State.ModelId);
        return State;
    }

    public async Task<RegistryInfo> VersionCompleted(string version)
    {
        Init();
        if (State.ActiveVersion is not null) return State;
        Change(version, "auto-activate", "system");
        await WriteStateAsync();
        await news.PublishAsync(State.ModelId);
        return State;
    }

    public async Task VersionDeleted(string version)
    {
        Init();
        if (State.Deleted.Contains(version)) return;
        State.Deleted.Add(version);
        await WriteStateAsync();
    }

    public Task<RegistryInfo> Get() => Task.FromResult(Init());

    /// <summary>The version active before the current one that still exists (walks back over deleted ones).</summary>
    private string? PreviousActive()
    {
        // Each entry records what it replaced; follow those links from the newest. A replaced version that was
        // deleted since is skipped by following its own link, in the entries older than the one that named it.
        var looking = State.ActiveVersion;
        for (var i = State.History.Count - 1; i >= 0; i--)
        {
            var entry = State.History[i];
            if (entry.Version != looking) continue;
            var previous = entry.Previous;
            if (previous is null || previous == State.ActiveVersion) return null;
            if (!State.Deleted.Contains(previous)) return previous;
            looking = previous;
        }

        return null;
    }

    private void Change(string version, string action, string by)
    {
        var entry = new ActivationEntry(version, State.ActiveVersion, action, by, Now);
        State.History.Add(entry);
        State.ActiveVersion = version;
        State.ActivatedAt = entry.At;
        State.Deleted.Remove(version);
        RaiseEvent(action, entry);
    }

    private RegistryInfo Init()
    {
        State.ModelId = Key;
        return State;
    }
}
