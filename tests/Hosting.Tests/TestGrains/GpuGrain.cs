using HttmOrleans.Hosting.Capabilities;

namespace HttmOrleans.Hosting.Tests.TestGrains;

[RequiresCapability("gpu")]
public sealed class GpuGrain : Grain, IGpuGrain
{
    public Task<string> Where() => Task.FromResult(RuntimeIdentity);
}
