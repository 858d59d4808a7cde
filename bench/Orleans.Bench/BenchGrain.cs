using HttmOrleans.Hosting;
using Orleans.Placement;

namespace HttmOrleans.OrleansBench;

// Random placement spreads the failover rounds' keys over both silos whichever silo places them.
[RandomPlacement]
public sealed class BenchGrain([PersistentState("bench", HttmSiloBuilderExtensions.StorageName)] IPersistentState<BenchState> state)
    : Grain, IBenchGrain
{
    public async Task<int> Write()
    {
        state.State.Count++;
        state.State.UpdatedAt = DateTime.UtcNow;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> Read() => Task.FromResult(state.State.Count);

    public Task<int> ProcessId() => Task.FromResult(Environment.ProcessId);
}
