using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Jobs;
using HttmOrleans.Hosting.Configuration;
using HttmOrleans.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace HttmOrleans.Grains;

/// <summary>Registers what the domain grains need on a silo: their tables, the database, the artifact store, job handlers, serializers.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>Adds the grains' services. Trainers are added separately as <c>ITrainer</c> singletons.</summary>
    public static IServiceCollection AddHttmGrains(this IServiceCollection services, Action<GrainsOptions>? configure = null)
    {
        var options = new GrainsOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.AddSingleton(DatasetMigrations.All);
        services.AddSingleton(HttmOrleans.DataChefs.Snapshots.DataChefTables.Migrations);
        services.AddSingleton(JournalMigrations.Set);
        // One pool for the modules' tables (the silo's providers keep their own): created from the cluster's settings.
        services.TryAddSingleton(sp =>
        {
            var cluster = sp.GetRequiredService<IOptions<HttmClusterOptions>>().Value;
            return HttmDatabase.Create(cluster.EffectiveProvider, cluster.EffectiveConnectionString, sp.GetRequiredService<ILogger<HttmDatabase>>());
        });
        services.TryAddSingleton<ClusterAdmin>();
        services.TryAddSingleton<ActiveVersionNews>();
        services.TryAddSingleton<TrainerCatalog>();
        services.TryAddSingleton<DatasetStore>();
        services.TryAddSingleton<IArtifactStore>(sp =>
        {
            var o = sp.GetRequiredService<GrainsOptions>();
            var db = sp.GetRequiredService<HttmDatabase>();
            var kind = o.ArtifactStore ?? (db.IsPostgres ? "database" : "folder");
            return kind == "database"
                ? new DatabaseArtifactStore(db, Path.Combine(o.WorkDirectory, ".artifacts"))
                : new FolderArtifactStore(o.ArtifactDirectory ?? Path.Combine(o.DataDirectory, "artifacts"));
        });
        services.TryAddSingleton<ArtifactCache>();
        services.TryAddSingleton<JobSlots>();
        services.AddSingleton<IJobHandler, TrainingJobHandler>();
        services.AddSingleton<IJobHandler, MaterializeJobHandler>();
        // Domain records cross grain calls as JSON (they hold JsonObject hyperparameters and sources);
        // types with generated serializers (exceptions, job messages) keep Orleans' own codecs.
        services.AddSerializer(s => s.AddJsonSerializer(IsJsonType, IsJsonType, o => o.Configure(c => c.SerializerOptions = new JsonSerializerOptions(GrainJson.Options))));
        return services;
    }

    private static bool IsJsonType(Type type) =>
        typeof(JsonNode).IsAssignableFrom(type)
        || (type.Namespace?.StartsWith("HttmOrleans.", StringComparison.Ordinal) == true
            && !type.IsInterface && !type.IsAbstract && !typeof(Exception).IsAssignableFrom(type) && !type.IsEnum
            && type.GetCustomAttribute<GenerateSerializerAttribute>() is null);
}
