using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Hyperparameters;
using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>Ranks items by how many users interacted with them; predicts ratings as damped item means.</summary>
public sealed class PopularityAlgorithm : IRecommenderAlgorithm
{
    /// <inheritdoc/>
    public string Name => "popularity";

    /// <inheritdoc/>
    public string Description => "Most-interacted items first; the baseline and the fallback for unknown users.";

    /// <inheritdoc/>
    public HyperparameterSchema Schema { get; } = new(
    [
        HyperparameterSpec.Float("damping", 5, 0, 1e6, "Rating prediction: pseudo-ratings at the global mean added to each item's mean, so items with few ratings stay near it."),
    ]);

    /// <inheritdoc/>
    public TrainedRecommender Fit(InteractionMatrix data, ResolvedHyperparameters parameters, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var damping = (float)parameters.GetFloat("damping");
        var byItem = data.ByItem;
        var globalMean = data.Count == 0 ? 0f : (float)(byItem.Values.Sum(v => (double)v) / data.Count);
        var counts = new float[data.ItemCount];
        var means = new float[data.ItemCount];
        for (var i = 0; i < counts.Length; i++)
        {
            var values = byItem.RowValues(i);
            var sum = 0.0;
            foreach (var v in values)
            {
                sum += v;
            }

            counts[i] = values.Length;
            means[i] = (float)((sum + (damping * globalMean)) / (values.Length + damping));
            if (!float.IsFinite(means[i]))
            {
                means[i] = globalMean;
            }
        }

        progress?.Report(new FitProgress(1, "counted interactions per item"));
        return new TrainedRecommender(Name, parameters.ToJson(), data, new PopularityScorer(counts, means));
    }
}
