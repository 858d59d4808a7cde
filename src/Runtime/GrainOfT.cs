using System.Text.Json;

namespace HttmOrleans.Runtime;

/// <summary>A grain with persisted state, read before each turn and written by <see cref="WriteStateAsync"/>.</summary>
public abstract class Grain<TState> : Grain where TState : class, new()
{
    private TState? _state;
    private string? _loadedJson;

    /// <summary>The state as of the turn's start plus this turn's changes; persisted only by <see cref="WriteStateAsync"/>.</summary>
    protected TState State
    {
        get => _state ??= new TState();
        set => _state = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>False until the grain's state was first written (and after it was cleared).</summary>
    protected bool RecordExists { get; private set; }

    /// <summary>The version of the state this turn read.</summary>
    protected string Etag { get; private set; } = "0";

    internal override void LoadState(string? json, long etag)
    {
        _loadedJson = json;
        _state = json is null ? new TState() : JsonSerializer.Deserialize<TState>(json, RuntimeJson.Options) ?? new TState();
        RecordExists = json is not null;
        Etag = etag.ToString();
    }

    /// <summary>Saves <see cref="State"/> with this turn; the write commits or rolls back with the turn.</summary>
    protected Task WriteStateAsync()
    {
        Scope.Transaction.WriteState(JsonSerializer.Serialize(State, RuntimeJson.Options));
        RecordExists = true;
        return Task.CompletedTask;
    }

    /// <summary>Deletes the state with this turn.</summary>
    protected Task ClearStateAsync()
    {
        Scope.Transaction.WriteState(null);
        _state = new TState();
        RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>Throws away this turn's unsaved changes to <see cref="State"/>.</summary>
    protected Task ReadStateAsync()
    {
        LoadState(_loadedJson, long.Parse(Etag));
        return Task.CompletedTask;
    }
}
