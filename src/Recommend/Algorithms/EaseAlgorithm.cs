using System.Numerics.Tensors;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Hyperparameters;
using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// EASE (Steck 2019): the closed-form item × item model B = I − P·diag(1/diag P) with P = (XᵀX + λI)⁻¹ on the
/// binarised interactions. Dense in items², so it refuses catalogues above <see cref="MaxItems"/>.
/// </summary>
public sealed class EaseAlgorithm : IRecommenderAlgorithm
{
    /// <summary>Largest catalogue accepted: the model holds items² floats (20 000 items → 1.6 GB).</summary>
    public const int MaxItems = 20_000;

    /// <inheritdoc/>
    public string Name => "ease";

    /// <inheritdoc/>
    public string Description => "Embarrassingly shallow autoencoder: closed-form item-item regression, for catalogues up to 20 000 items.";

    /// <inheritdoc/>
    public HyperparameterSchema Schema { get; } = new(
    [
        HyperparameterSpec.Float("lambda", 500, 0.001, 1e9, "L2 regularisation added to the diagonal of XᵀX.", "l2"),
    ]);

    /// <inheritdoc/>
    public TrainedRecommender Fit(InteractionMatrix data, ResolvedHyperparameters parameters, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var n = data.ItemCount;
        if (n > MaxItems)
        {
            throw new ArgumentException($"ease supports at most {MaxItems} items; this catalogue has {n}.", nameof(data));
        }

        var lambda = (float)parameters.GetFloat("lambda");
        var g = new float[n * n];
        Parallel.For(0, n, i =>
        {
            var row = g.AsSpan(i * n, n);
            foreach (var u in data.ByItem.RowIndices(i))
            {
                foreach (var j in data.ByUser.RowIndices(u))
                {
                    row[j] += 1;
                }
            }

            row[i] += lambda;
        });
        progress?.Report(new FitProgress(0.1, "Gram matrix built"));

        InvertInPlace(g, n, progress, cancellationToken);
        var diagonal = new float[n];
        for (var i = 0; i < n; i++)
        {
            diagonal[i] = g[(i * n) + i];
        }

        // Row j of B holds B[j, i] = −P[j, i] / P[i, i]; scoring adds the rows of the user's items.
        Parallel.For(0, n, j =>
        {
            var row = g.AsSpan(j * n, n);
            TensorPrimitives.Divide(row, diagonal, row);
            TensorPrimitives.Negate(row, row);
            row[j] = 0;
        });

        progress?.Report(new FitProgress(1, "item-item weights ready"));
        return new TrainedRecommender(Name, parameters.ToJson(), data, new DenseItemScorer(n, g));
    }

    /// <summary>Gauss–Jordan inversion without pivoting, safe because XᵀX + λI is symmetric positive definite.</summary>
    private static void InvertInPlace(float[] a, int n, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        for (var p = 0; p < n; p++)
        {
            if (p % 256 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new FitProgress(0.1 + (0.85 * p / n), $"inverting: pivot {p} of {n}"));
            }

            var pivotRow = a.AsSpan(p * n, n);
            var inverse = 1f / pivotRow[p];
            pivotRow[p] = 1;
            TensorPrimitives.Multiply(pivotRow, inverse, pivotRow);
            var pivot = p;
            Parallel.For(0, n, i =>
            {
                if (i == pivot)
                {
                    return;
                }

                var row = a.AsSpan(i * n, n);
                var factor = row[pivot];
                if (factor == 0)
                {
                    return;
                }

                row[pivot] = 0;
                TensorPrimitives.MultiplyAdd(a.AsSpan(pivot * n, n), -factor, row, row);
            });
        }
    }
}
