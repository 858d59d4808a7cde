namespace HttmOrleans.Hosting.Tests.TestGrains;

[Alias("test.tick")]
public interface ITickGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period);
    Task<int> Ticks();
    Task Stop();
}
