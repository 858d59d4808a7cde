namespace HttmOrleans.Hosting.Tests.TestGrains;

[GenerateSerializer, Alias("test.counter-state")]
public sealed class CounterState
{
    [Id(0)] public int Total { get; set; }
    [Id(1)] public List<string> Notes { get; set; } = [];
}
