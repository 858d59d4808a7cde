using System.Numerics.Tensors;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Hyperparameters;
using HttmOrleans.Recommend.Numerics;
using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// Implicit-feedback ALS (Hu, Koren and Volinsky 2008): preference 1 for every observed pair, confidence
/// c = 1 + alpha·value, each half-step solved per row with a few warm-started conjugate-gradient steps
/// (Takács et al. 2011, as in the <c>implicit</c> library) instead of a k³ solve.
/// </summary>
public sealed class AlsAlgorithm : IRecommenderAlgorithm
{
    /// <inheritdoc/>
    public string Name => "als";

    /// <inheritdoc/>
    public string Description => "Implicit-feedback ALS (Hu, Koren, Volinsky) with a conjugate-gradient solver.";

    /// <inheritdoc/>
    public HyperparameterSchema Schema { get; } = new(
    [
        HyperparameterSpec.Int("factors", 64, 1, 1024, "Number of latent factors."),
        HyperparameterSpec.Int("iterations", 15, 1, 1000, "Alternating passes (users, then items)."),
        HyperparameterSpec.Float("regularization", 100, 0, 1e9, "L2 regularisation λ (absolute, so larger data sets tolerate larger values; implicit's 0.01 assumes its c = alpha·value convention)."),
        HyperparameterSpec.Float("alpha", 1, 0, 1e6, "Confidence slope: c = 1 + alpha·value (explicit ratings act as values, so larger alphas over-trust high raters)."),
        HyperparameterSpec.Int("cg_steps", 3, 1, 100, "Conjugate-gradient steps per row and pass."),
        HyperparameterSpec.Int("seed", 42, 0, int.MaxValue, "Seed of the initial factors."),
    ]);

    /// <inheritdoc/>
    public TrainedRecommender Fit(InteractionMatrix data, ResolvedHyperparameters parameters, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var k = parameters.GetInt("factors");
        var iterations = parameters.GetInt("iterations");
        var lambda = (float)parameters.GetFloat("regularization");
        var alpha = (float)parameters.GetFloat("alpha");
        var cgSteps = parameters.GetInt("cg_steps");
        var random = new Random(parameters.GetInt("seed"));
        var users = new float[data.UserCount * k];
        var items = new float[data.ItemCount * k];
        Kernels.FillNormal(random, users, 0, 0.01f);
        Kernels.FillNormal(random, items, 0, 0.01f);

        for (var iteration = 0; iteration < iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SolveSide(users, items, data.ByUser, k, lambda, alpha, cgSteps);
            SolveSide(items, users, data.ByItem, k, lambda, alpha, cgSteps);
            progress?.Report(new FitProgress((iteration + 1.0) / iterations, $"iteration {iteration + 1} of {iterations}"));
        }

        var scorer = new FactorScorer(k, users, items, null, null, 0f, predictsRatings: false);
        return new TrainedRecommender(Name, parameters.ToJson(), data, scorer);
    }

    /// <summary>Updates every row of <paramref name="x"/> against the fixed <paramref name="y"/>.</summary>
    internal static void SolveSide(float[] x, float[] y, CsrMatrix rows, int k, float lambda, float alpha, int cgSteps)
    {
        var gram = Gram.Compute(y, rows.Columns, k, lambda);
        Parallel.For(
            0,
            rows.Rows,
            () => new float[3 * k],
            (row, _, scratch) =>
            {
                SolveRow(x.AsSpan(row * k, k), y, gram, k, rows.RowIndices(row), rows.RowValues(row), alpha, cgSteps, scratch);
                return scratch;
            },
            _ => { });
    }

    private static void SolveRow(Span<float> x, float[] y, float[] gram, int k, ReadOnlySpan<int> columns, ReadOnlySpan<float> values, float alpha, int cgSteps, float[] scratch)
    {
        var r = scratch.AsSpan(0, k);
        var p = scratch.AsSpan(k, k);
        var ap = scratch.AsSpan(2 * k, k);

        // r = b − A x, where A = YᵀY + λI + Σ (c−1) y yᵀ and b = Σ c y.
        Gram.Multiply(gram, x, r);
        TensorPrimitives.Negate(r, r);
        for (var n = 0; n < columns.Length; n++)
        {
            var extra = alpha * values[n];
            Kernels.AddScaledByDot(y.AsSpan(columns[n] * k, k), x, 1 + extra, -extra, r);
        }

        r.CopyTo(p);
        var rsOld = TensorPrimitives.Dot<float>(r, r);
        for (var step = 0; step < cgSteps && rsOld > 1e-20f; step++)
        {
            Gram.Multiply(gram, p, ap);
            for (var n = 0; n < columns.Length; n++)
            {
                Kernels.AddScaledByDot(y.AsSpan(columns[n] * k, k), p, 0, alpha * values[n], ap);
            }

            var pAp = TensorPrimitives.Dot<float>(p, ap);
            if (pAp <= 0)
            {
                return;
            }

            var stepSize = rsOld / pAp;
            TensorPrimitives.MultiplyAdd(p, stepSize, x, x);
            TensorPrimitives.MultiplyAdd(ap, -stepSize, r, r);
            var rsNew = TensorPrimitives.Dot<float>(r, r);
            TensorPrimitives.MultiplyAdd(p, rsNew / rsOld, r, p);
            rsOld = rsNew;
        }
    }
}
