namespace HttmOrleans.OrleansBench;

[GenerateSerializer, Alias("bench.state")]
public sealed class BenchState
{
    [Id(0)] public int Count { get; set; }

    /// <summary>Changes with every write, like pgbench's balance and mtime.</summary>
    [Id(1)] public DateTime UpdatedAt { get; set; }
}
