using HttmOrleans.Runtime.Hosting;
using HttmOrleans.Storage.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HttmOrleans.Runtime.TestGrains;

/// <summary>Loads the test grains into a silo process started with <c>--plugins HttmOrleans.Runtime.TestGrains.dll</c>.</summary>
public sealed class TestGrainsPlugin : ISiloPlugin
{
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddGrain<ICounterGrain, CounterGrain>();
        services.AddGrain<IInboxGrain, InboxGrain>();
        services.AddGrain<ITickerGrain, TickerGrain>();
        services.AddGrain<IJobOwnerGrain, JobOwnerGrain>();
        services.AddJobHandler<SleepJobHandler>();
    }
}
