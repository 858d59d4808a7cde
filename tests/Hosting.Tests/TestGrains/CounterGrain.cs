namespace HttmOrleans.Hosting.Tests.TestGrains;

public sealed class CounterGrain([PersistentState("counter", HttmSiloBuilderExtensions.StorageName)] IPersistentState<CounterState> state)
    : Grain, ICounterGrain
{
    public async Task<int> Add(int amount, string note)
    {
        state.State.Total += amount;
        state.State.Notes.Add(note);
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<CounterState> Read() => Task.FromResult(state.State);
}
