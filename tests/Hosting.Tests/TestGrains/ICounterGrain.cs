namespace HttmOrleans.Hosting.Tests.TestGrains;

[Alias("test.counter")]
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Add(int amount, string note);
    Task<CounterState> Read();
}
