namespace HttmOrleans.Hosting.Tests.TestGrains;

/// <summary>No state: activating one costs no database write, so tests can make many.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    public Task<string> Where() => Task.FromResult(RuntimeIdentity);
}
