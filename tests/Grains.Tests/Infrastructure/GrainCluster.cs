using HttmOrleans.Grains.Training;
using HttmOrleans.Hosting;
using HttmOrleans.Hosting.Configuration;
using HttmOrleans.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace HttmOrleans.Grains.Tests.Infrastructure;

/// <summary>
/// An in-process cluster (one silo unless asked) wired like a real node: <c>UseHttmCluster</c> on a throwaway
/// database (SQLite file or PostgreSQL), the real grains, the shipped trainers plus <see cref="GateTrainer"/>.
/// The summarizers need <c>gpu</c>, which the silo lacks, so their jobs cannot be placed.
/// </summary>
public sealed class GrainCluster : IAsyncDisposable
{
    private readonly string _folder;

    private GrainCluster(InProcessTestCluster cluster, string provider, string connectionString, string folder)
    {
        Cluster = cluster;
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
    }

    public InProcessTestCluster Cluster { get; }

    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The silo's services (the API node calls grains through these).</summary>
    public IServiceProvider Silo => Cluster.GetSiloServiceProvider();

    /// <summary>The silo's grain factory.</summary>
    public IGrainFactory Grains => Silo.GetRequiredService<IGrainFactory>();

    /// <summary>An external client: every call crosses the gateway, serialized.</summary>
    public IClusterClient Client => Cluster.Client;

    public ClusterAdmin Admin => Silo.GetRequiredService<ClusterAdmin>();

    public DatasetStore Datasets => Silo.GetRequiredService<DatasetStore>();

    public HttmDatabase Database => Silo.GetRequiredService<HttmDatabase>();

    public IArtifactStore Artifacts => Silo.GetRequiredService<IArtifactStore>();

    /// <summary>The silos' data folder (<c>sources/</c> in it holds server files for data chefs).</summary>
    public string DataDirectory => Path.Combine(_folder, "data");

    /// <summary>Starts <paramref name="silos"/> silos; <paramref name="capabilities"/> maps a silo name (<c>Silo_0</c>, …) to its capabilities (default <c>cpu</c>).</summary>
    public static async Task<GrainCluster> StartAsync(string provider, short silos = 1, Func<string, string>? capabilities = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "httm-grains-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connectionString = provider == "postgres" ? await TestDatabases.CreatePostgresAsync() : "Data Source=" + Path.Combine(folder, "httm.db");
        var serviceId = "grains-" + Guid.NewGuid().ToString("N")[..8];
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        HttmClusterOptions Options(string siloName)
        {
            var ports = TestPorts.Take(2);
            return new HttmClusterOptions
            {
                Database = connectionString,
                Provider = provider,
                Cluster = new HttmClusterSettings { ServiceId = serviceId, ClusterId = clusterId, SiloPort = ports[0], GatewayPort = ports[1] },
                Silo = new HttmSiloSettings { Capabilities = capabilities?.Invoke(siloName) ?? "cpu", Role = "silo" },
            };
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Httm:Summarization:Capability"] = "gpu",
        }).Build();

        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = clusterId;
        builder.Options.ConfigureFileLogging = false;
        // Placement filters (capabilities) apply only when the test cluster is told silos may differ.
        builder.Options.AssumeHomogenousSilosForTesting = false;
        builder.ConfigureSilo((siloOptions, silo) =>
        {
            silo.UseHttmCluster(Options(siloOptions.SiloName));
            silo.Services.AddHttmGrains(o =>
            {
                o.DataDirectory = Path.Combine(folder, "data");
                o.ProgressInterval = TimeSpan.FromMilliseconds(50);
            });
            silo.Services.AddHttmTrainers(configuration);
            silo.Services.AddSingleton<ITrainer, GateTrainer>();
        });
        // The client needs the grains' serializers (domain records cross calls as JSON); nothing else of it is resolved.
        builder.ConfigureClient(client => client.Services.AddHttmGrains());
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new GrainCluster(cluster, provider, connectionString, folder);
    }

    /// <summary>Deactivates a grain, so its next call reads the store.</summary>
    public Task DeactivateAsync(IAddressable grain) => Cluster.DeactivateAsync(grain);

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        if (Provider == "postgres") await TestDatabases.DropPostgresAsync(ConnectionString);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a stopping pool; the temp folder is cleaned by the OS.
        }
    }
}
