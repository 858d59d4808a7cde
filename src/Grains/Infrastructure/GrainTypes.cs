using System.Collections.Frozen;
using HttmOrleans.Grains.Admin;
using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Models;
using HttmOrleans.Grains.Tasks;

namespace HttmOrleans.Grains;

/// <summary>
/// The catalog names of the domain grains (interface name without <c>I</c> and <c>Grain</c>). A grain's
/// persistent state is stored under its name, so the catalog lists a type with one query on the store.
/// </summary>
public static class GrainTypes
{
    public const string Dataset = "Dataset";
    public const string Model = "Model";
    public const string ModelVersion = "ModelVersion";
    public const string ModelRegistry = "ModelRegistry";
    public const string TrainingTask = "TrainingTask";
    public const string Scheduler = "Scheduler";
    public const string Admin = "Admin";
    public const string DataChef = "DataChef";

    private static readonly FrozenDictionary<Type, string> ByInterface = new Dictionary<Type, string>
    {
        [typeof(IDatasetGrain)] = Dataset,
        [typeof(IModelGrain)] = Model,
        [typeof(IModelVersionGrain)] = ModelVersion,
        [typeof(IModelRegistryGrain)] = ModelRegistry,
        [typeof(ITrainingTaskGrain)] = TrainingTask,
        [typeof(ISchedulerGrain)] = Scheduler,
        [typeof(IAdminGrain)] = Admin,
        [typeof(IDataChefGrain)] = DataChef,
    }.ToFrozenDictionary();

    /// <summary>Every name, in no particular order.</summary>
    public static IReadOnlyCollection<string> All => ByInterface.Values;

    /// <summary>The name of a grain interface.</summary>
    public static string Of<TGrain>() where TGrain : IGrainWithStringKey =>
        ByInterface.TryGetValue(typeof(TGrain), out var name) ? name : throw new ArgumentException($"{typeof(TGrain).Name} is not a catalogued grain.");
}
