using System.Text.Json;

namespace HttmOrleans.Grains;

/// <summary>
/// Base of the domain grains: one persistent state stored under the grain's catalog name, events
/// recorded after a call succeeds, and a failed call leaves nothing half-changed: its in-memory edits
/// are thrown away by reading the stored state again, so a later write cannot persist them.
/// </summary>
public abstract class HttmGrain<TState>(IPersistentState<TState> state, ClusterAdmin journal, string typeName) : Grain, IIncomingGrainCallFilter
    where TState : class, new()
{
    private List<(string Type, string Payload, DateTimeOffset At)>? _events;

    /// <summary>The state as of the last call plus this call's changes; persisted by <see cref="WriteStateAsync"/>.</summary>
    protected TState State
    {
        get => state.State;
        set => state.State = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>False until the state was first written (and after it was cleared).</summary>
    protected bool RecordExists => state.RecordExists;

    /// <summary>This grain's key.</summary>
    protected string Key => this.GetPrimaryKeyString();

    /// <summary>The catalog: events, the job log, stored state of other grains.</summary>
    protected ClusterAdmin Journal => journal;

    protected static DateTimeOffset Now => DateTimeOffset.UtcNow;

    protected Task WriteStateAsync() => state.WriteStateAsync();

    protected Task ClearStateAsync() => state.ClearStateAsync();

    /// <summary>Records what happened under an event type (e.g. <c>activated</c>), once this call succeeds.</summary>
    protected void RaiseEvent(string eventType, object payload) =>
        (_events ??= []).Add((eventType, JsonSerializer.Serialize(payload, payload.GetType(), GrainJson.Options), Now));

    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch
        {
            _events = null;
            await state.ReadStateAsync();
            throw;
        }

        if (_events is { Count: > 0 } events)
        {
            _events = null;
            await journal.AppendEventsAsync(new GrainKey(typeName, Key), events);
        }
    }
}
