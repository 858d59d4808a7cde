using System.Data.Common;
using System.Net;
using HttmOrleans.Hosting.Capabilities;
using HttmOrleans.Hosting.Cluster;
using HttmOrleans.Hosting.Configuration;
using HttmOrleans.Hosting.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace HttmOrleans.Hosting;

public static class HttmSiloBuilderExtensions
{
    /// <summary>The grain storage provider every grain names: <c>[PersistentState("x", "store")]</c> (it is also the default).</summary>
    public const string StorageName = "store";

    /// <summary>The ADO.NET invariant for PostgreSQL.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>The ADO.NET invariant Orleans maps to Microsoft.Data.Sqlite (the name "Microsoft.Data.Sqlite" itself is not accepted).</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>Binds <c>Httm:*</c> from <paramref name="configuration"/> and calls <see cref="UseHttmCluster(ISiloBuilder, HttmClusterOptions)"/>.</summary>
    public static ISiloBuilder UseHttmCluster(this ISiloBuilder builder, IConfiguration configuration) =>
        builder.UseHttmCluster(HttmClusterOptions.FromConfiguration(configuration));

    /// <summary>
    /// Makes this silo a member of the HttmOrleans cluster: on PostgreSQL ADO.NET clustering, grain
    /// storage and reminders; on SQLite localhost clustering with storage and reminders in the file.
    /// The <c>orleans</c> migrations run before the providers start. Bad options fail the host's
    /// start with one <see cref="OptionsValidationException"/> naming each setting.
    /// </summary>
    public static ISiloBuilder UseHttmCluster(this ISiloBuilder builder, HttmClusterOptions options)
    {
        var services = builder.Services;
        services.AddSingleton<IValidateOptions<HttmClusterOptions>, HttmClusterOptionsValidator>();
        services.AddOptions<HttmClusterOptions>().Configure(o =>
        {
            o.Database = options.Database;
            o.Provider = options.Provider;
            o.Cluster = options.Cluster;
            o.Silo = options.Silo;
        }).ValidateOnStart();
        // Invalid options: register no provider, so the start-up validation is the one error reported
        // (the host resolves the silo before validating, and a silo needs some membership to resolve).
        if (HttmClusterOptionsValidator.Problems(options).Any()) return builder.UseLocalhostClustering();

        var cluster = options.Cluster;
        var provider = options.EffectiveProvider;
        var connectionString = options.EffectiveConnectionString;

        builder.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        builder.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = cluster.ProbeTimeout;
            o.NumMissedProbesLimit = cluster.NumMissedProbesLimit;
            o.NumVotesForDeathDeclaration = cluster.NumVotesForDeathDeclaration;
            o.TableRefreshTimeout = cluster.TableRefreshTimeout;
        });
        // Task schedules go down to one second; the reminder is only their clock (docs/orleans.md).
        builder.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        builder.UseHttmCapabilities(options.Silo);
        var siloName = options.Silo.Id is { Length: > 0 } id ? id : $"{options.Silo.Role}-{Environment.MachineName}-{Environment.ProcessId}";
        builder.Configure<SiloOptions>(o => o.SiloName = siloName);

        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
            new OrleansSchemaMigrator(provider, connectionString, sp.GetServices<HttmOrleans.Storage.MigrationSet>(), sp.GetRequiredService<ILogger<OrleansSchemaMigrator>>()));

        DbDataSource dataSource;
        string invariant;
        if (provider == "postgres")
        {
            dataSource = CreatePostgresDataSource(connectionString);
            invariant = PostgresInvariant;
            builder.UseAdoNetClustering(o =>
            {
                o.Invariant = invariant;
                o.DataSource = dataSource;
            });
            builder.Configure<EndpointOptions>(o =>
            {
                o.SiloPort = cluster.SiloPort;
                o.GatewayPort = cluster.GatewayPort;
                if (cluster.AdvertisedAddress is { Length: > 0 } address) o.AdvertisedIPAddress = IPAddress.Parse(address);
            });
        }
        else
        {
            dataSource = new SqliteDataSource(connectionString);
            invariant = SqliteInvariant;
            builder.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
        }
        // The container owns the data source, so its pooled connections close with the host.
        services.AddSingleton(dataSource);

        // State is stored as System.Text.Json text, so listing routes and the grain inspector can read it back.
        builder.AddAdoNetGrainStorage(StorageName, o =>
        {
            o.Invariant = invariant;
            o.DataSource = dataSource;
            o.GrainStorageSerializer = JsonGrainStorageSerializer.Instance;
        });
        builder.AddAdoNetGrainStorageAsDefault(o =>
        {
            o.Invariant = invariant;
            o.DataSource = dataSource;
            o.GrainStorageSerializer = JsonGrainStorageSerializer.Instance;
        });
        // Registered after the provider's own, so these decorators are the storages grains get.
        foreach (var name in new[] { StorageName, Orleans.Providers.ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME })
        {
            services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>(name, (sp, _) =>
                new StringKeyGrainStorage(Orleans.Storage.AdoNetGrainStorageFactory.Create(sp, name)));
        }
        builder.UseAdoNetReminderService(o =>
        {
            o.Invariant = invariant;
            o.DataSource = dataSource;
        });
        return builder;
    }

    /// <summary>
    /// Publishes <c>capabilities</c> and <c>role</c> as silo metadata, registers the capability
    /// placement filter behind <see cref="RequiresCapabilityAttribute"/> and the <see cref="ClusterView"/>. Part of
    /// <see cref="UseHttmCluster(ISiloBuilder, HttmClusterOptions)"/>; on its own for tests.
    /// </summary>
    public static ISiloBuilder UseHttmCapabilities(this ISiloBuilder builder, HttmSiloSettings silo)
    {
        var capabilities = SiloCapabilities.TryParse(silo.Capabilities, out var parsed, out var problem)
            ? parsed
            : throw new ArgumentException($"Httm:Silo:Capabilities {problem}", nameof(silo));
        builder.UseSiloMetadata(new Dictionary<string, string>
        {
            [SiloCapabilities.MetadataKey] = string.Join(",", capabilities),
            [SiloCapabilities.RoleKey] = silo.Role,
        });
        builder.Services.AddSingleton<SiloCapabilityDirectory>();
        builder.Services.AddHttmClusterView();
        builder.Services.AddPlacementFilter<CapabilityPlacementFilterStrategy, CapabilityPlacementFilterDirector>(ServiceLifetime.Transient);
        return builder;
    }

    private static NpgsqlDataSource CreatePostgresDataSource(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Membership, storage and reminder statements repeat: let Npgsql prepare them. Skipping the reset
        // on return to the pool saved a round trip per grain write when measured (DESIGN.md).
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 32;
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}
