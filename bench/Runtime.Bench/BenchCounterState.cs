namespace HttmOrleans.Runtime.Bench;

/// <summary>State of <see cref="BenchCounterGrain"/>: small, like most grains' hot state.</summary>
public sealed class BenchCounterState
{
    public long Count { get; set; }
}
