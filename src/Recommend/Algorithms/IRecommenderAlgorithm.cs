using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Hyperparameters;
using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>One recommendation algorithm: its documented hyperparameters and how to fit it.</summary>
public interface IRecommenderAlgorithm
{
    /// <summary>Registry name, e.g. <c>svd</c>.</summary>
    string Name { get; }

    /// <summary>One sentence for the API's algorithm listing.</summary>
    string Description { get; }

    /// <summary>The hyperparameters it accepts, with defaults and bounds.</summary>
    HyperparameterSchema Schema { get; }

    /// <summary>
    /// Fits a model. Deterministic for a given seed and input, whatever the number of cores.
    /// </summary>
    /// <param name="data">Training interactions.</param>
    /// <param name="parameters">Values resolved by <see cref="Schema"/>.</param>
    /// <param name="progress">Receives progress between epochs or iterations.</param>
    /// <param name="cancellationToken">Checked between epochs or iterations.</param>
    TrainedRecommender Fit(InteractionMatrix data, ResolvedHyperparameters parameters, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default);
}
