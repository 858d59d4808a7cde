using HttmOrleans.Runtime;

namespace HttmOrleans.Runtime.Bench;

/// <summary>The benchmark's grain: one write turn per call.</summary>
public interface IBenchCounterGrain : IGrainWithStringKey
{
    /// <summary>Reads the count, adds one, writes the state; returns the new count.</summary>
    Task<long> Increment();
}
