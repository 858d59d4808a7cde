namespace HttmOrleans.Hosting.Tests.TestGrains;

[Alias("test.gpu")]
public interface IGpuGrain : IGrainWithIntegerKey
{
    /// <summary>The silo this activation runs on, as the grain sees it.</summary>
    Task<string> Where();
}
