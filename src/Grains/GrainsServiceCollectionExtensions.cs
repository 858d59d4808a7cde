using HttmOrleans.Grains.Admin;
using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Tasks;
using HttmOrleans.Runtime.Hosting;
using HttmOrleans.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HttmOrleans.Grains;

/// <summary>Registers the domain grains, their tables, the artifact store and the training job handler.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>Adds the grains. Trainers are added separately as <c>ITrainer</c> singletons.</summary>
    public static IServiceCollection AddHttmGrains(this IServiceCollection services, Action<GrainsOptions>? configure = null)
    {
        var options = new GrainsOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.AddHttmMigrations(DatasetMigrations.All);
        services.AddGrain<IDatasetGrain, DatasetGrain>();
        services.AddGrain<IModelGrain, ModelGrain>();
        services.AddGrain<IModelVersionGrain, ModelVersionGrain>();
        services.AddGrain<IModelRegistryGrain, ModelRegistryGrain>();
        services.AddGrain<ITrainingTaskGrain, TrainingTaskGrain>();
        services.AddGrain<ISchedulerGrain, SchedulerGrain>();
        services.AddGrain<IAdminGrain, AdminGrain>();
        services.AddGrain<IDataChefGrain, DataChefGrain>();
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
        services.AddJobHandler<TrainingJobHandler>();
        services.AddHttmMigrations(HttmOrleans.DataChefs.Snapshots.DataChefTables.Migrations);
        services.AddJobHandler<MaterializeJobHandler>();
        return services;
    }
}
