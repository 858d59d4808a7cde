using HttmOrleans.Runtime;

namespace HttmOrleans.Runtime.Bench;

/// <summary>Read state, increment, WriteStateAsync: the smallest turn that writes.</summary>
public sealed class BenchCounterGrain : Grain<BenchCounterState>, IBenchCounterGrain
{
    public async Task<long> Increment()
    {
        State.Count++;
        await WriteStateAsync();
        return State.Count;
    }
}
