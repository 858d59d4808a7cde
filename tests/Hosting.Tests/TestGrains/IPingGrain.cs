namespace HttmOrleans.Hosting.Tests.TestGrains;

[Alias("test.ping")]
public interface IPingGrain : IGrainWithIntegerKey
{
    /// <summary>The silo this activation lives on.</summary>
    Task<string> Where();
}
