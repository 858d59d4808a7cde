using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Hyperparameters;
using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// Item-based k-nearest neighbours (Sarwar et al. 2001): cosine or adjusted-cosine similarity over co-rating users,
/// damped by shrinkage n/(n + shrink) for pairs seen together by few users; each item keeps its k best neighbours.
/// Similarities come from sparse co-occurrence, so the cost grows with Σ (items per user)², not items².
/// </summary>
public sealed class ItemKnnAlgorithm : IRecommenderAlgorithm
{
    /// <inheritdoc/>
    public string Name => "item-knn";

    /// <inheritdoc/>
    public string Description => "Item-based k nearest neighbours with cosine or adjusted-cosine similarity and shrinkage.";

    /// <inheritdoc/>
    public HyperparameterSchema Schema { get; } = new(
    [
        HyperparameterSpec.Int("neighbours", 50, 1, 10_000, "Neighbours kept per item (Surprise calls it k; here k is the ranking-metric cut-off every trainer takes).", "neighbors", "n_neighbors"),
        HyperparameterSpec.Choice("similarity", "cosine", ["cosine", "adjusted-cosine"], "cosine on raw values, or adjusted cosine (each user's mean rating subtracted first; explicit ratings only)."),
        HyperparameterSpec.Float("shrinkage", 10, 0, 1e6, "Pairs co-rated by n users are scaled by n/(n + shrinkage).", "shrink"),
    ]);

    /// <inheritdoc/>
    public TrainedRecommender Fit(InteractionMatrix data, ResolvedHyperparameters parameters, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var k = Math.Min(parameters.GetInt("neighbours"), Math.Max(1, data.ItemCount - 1));
        var adjusted = parameters.GetString("similarity") == "adjusted-cosine";
        var shrinkage = (float)parameters.GetFloat("shrinkage");
        var byUser = Centered(data.ByUser, adjusted);
        var byItem = byUser.Transpose();
        var norms = new float[data.ItemCount];
        for (var i = 0; i < norms.Length; i++)
        {
            var sum = 0.0;
            foreach (var v in byItem.RowValues(i))
            {
                sum += v * v;
            }

            norms[i] = (float)Math.Sqrt(sum);
        }

        var neighbourItems = new int[data.ItemCount][];
        var neighbourSims = new float[data.ItemCount][];
        var done = 0;
        Parallel.For(
            0,
            data.ItemCount,
            new ParallelOptions { CancellationToken = cancellationToken },
            () => new NeighbourScratch(data.ItemCount, k),
            (i, _, scratch) =>
            {
                (neighbourItems[i], neighbourSims[i]) = scratch.Neighbours(i, byItem, byUser, norms, shrinkage);
                var finished = Interlocked.Increment(ref done);
                if (progress is not null && finished % 1024 == 0)
                {
                    progress.Report(new FitProgress((double)finished / data.ItemCount, $"{finished} of {data.ItemCount} items"));
                }

                return scratch;
            },
            _ => { });

        var pointers = new int[data.ItemCount + 1];
        for (var i = 0; i < data.ItemCount; i++)
        {
            pointers[i + 1] = pointers[i] + neighbourItems[i].Length;
        }

        var columns = new int[pointers[^1]];
        var values = new float[pointers[^1]];
        for (var i = 0; i < data.ItemCount; i++)
        {
            neighbourItems[i].CopyTo(columns, pointers[i]);
            neighbourSims[i].CopyTo(values, pointers[i]);
        }

        progress?.Report(new FitProgress(1, "neighbours computed"));
        var neighbours = new CsrMatrix(data.ItemCount, data.ItemCount, pointers, columns, values);
        return new TrainedRecommender(Name, parameters.ToJson(), data, new ItemNeighbourScorer(neighbours));
    }

    private static CsrMatrix Centered(CsrMatrix byUser, bool adjusted)
    {
        if (!adjusted)
        {
            return byUser;
        }

        var values = (float[])byUser.Values.Clone();
        for (var u = 0; u < byUser.Rows; u++)
        {
            var from = byUser.RowPointers[u];
            var to = byUser.RowPointers[u + 1];
            if (to == from)
            {
                continue;
            }

            var mean = 0f;
            for (var n = from; n < to; n++)
            {
                mean += values[n];
            }

            mean /= to - from;
            for (var n = from; n < to; n++)
            {
                values[n] -= mean;
            }
        }

        return new CsrMatrix(byUser.Rows, byUser.Columns, byUser.RowPointers, byUser.ColumnIndices, values);
    }
}
