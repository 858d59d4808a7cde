using HttmOrleans.Grains.Training;
using HttmOrleans.Recommend.Training;
using Microsoft.Extensions.DependencyInjection;

namespace HttmOrleans.Grains;

/// <summary>The trainers this build ships; plug-ins may add more <see cref="ITrainer"/> singletons.</summary>
public static class TrainersServiceCollectionExtensions
{
    /// <summary>Adds every built-in trainer (the recommenders).</summary>
    public static IServiceCollection AddHttmTrainers(this IServiceCollection services)
    {
        foreach (var trainer in RecommenderTrainers.All()) services.AddSingleton<ITrainer>(trainer);
        return services;
    }
}
