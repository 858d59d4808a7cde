using HttmOrleans.Runtime.Hosting;
using HttmOrleans.Runtime.Storage;
using HttmOrleans.Runtime.TestGrains;
using Microsoft.Extensions.DependencyInjection;

namespace HttmOrleans.Runtime.Tests.Infrastructure;

/// <summary>A runtime node inside the test process: a silo (background services on) or a client.</summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private bool _stopped;

    private TestNode(ServiceProvider services)
    {
        _services = services;
        Host = services.GetRequiredService<RuntimeHost>();
        Grains = services.GetRequiredService<IGrainFactory>();
        Admin = services.GetRequiredService<ClusterAdmin>();
        Store = services.GetRequiredService<IRuntimeStore>();
    }

    public RuntimeHost Host { get; }
    public IGrainFactory Grains { get; }
    public ClusterAdmin Admin { get; }
    internal IRuntimeStore Store { get; }
    public string Id => Host.SiloId;

    public static async Task<TestNode> StartAsync(string database, string? id = null, string capabilities = "cpu", bool silo = true)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHttmRuntime(configure: o =>
        {
            o.Database = database;
            o.Silo.Enabled = silo;
            o.Silo.Id = id;
            o.Silo.Capabilities = capabilities;
            o.Silo.JobLease = TimeSpan.FromSeconds(2);
            o.Silo.ReminderLease = TimeSpan.FromSeconds(5);
            o.Silo.PollInterval = TimeSpan.FromMilliseconds(200);
            o.Silo.HeartbeatInterval = TimeSpan.FromSeconds(1);
            o.Silo.ProgressInterval = TimeSpan.FromMilliseconds(100);
        });
        new TestGrainsPlugin().ConfigureServices(services);
        var node = new TestNode(services.BuildServiceProvider(validateScopes: true));
        await node.Host.StartAsync(CancellationToken.None);
        return node;
    }

    /// <summary>A graceful stop: leases handed back, membership marked stopped.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await Host.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _services.DisposeAsync();
    }
}
