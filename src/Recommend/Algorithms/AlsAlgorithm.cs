using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
        var seed = parameters.GetInt("seed");
        var users = new AlignedRows(data.UserCount, k);
        var items = new AlignedRows(data.ItemCount, k);
        users.FillNormal(Seeds.Derive(seed, -1, 0), 0, 0.01f);
        items.FillNormal(Seeds.Derive(seed, -2, 0), 0, 0.01f);

        for (var iteration = 0; iteration < iterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SolveSide(users, items, data.ByUser, lambda, alpha, cgSteps);
            SolveSide(items, users, data.ByItem, lambda, alpha, cgSteps);
            progress?.Report(new FitProgress((iteration + 1.0) / iterations, $"iteration {iteration + 1} of {iterations}"));
        }

        var scorer = new FactorScorer(k, users.ToDense(), items.ToDense(), null, null, 0f, predictsRatings: false);
        return new TrainedRecommender(Name, parameters.ToJson(), data, scorer);
    }

    /// <summary>Interactions between a factor row's prefetch and its use (measured best between 4 and 12).</summary>
    private const int PrefetchDistance = 8;

    /// <summary>
    /// Updates every row of <paramref name="x"/> against the fixed <paramref name="y"/>. Both work on whole padded
    /// rows: the padding starts at zero and stays there (its residual is −λ·0), and aligned full-width rows let the
    /// per-interaction kernel keep a factor row in registers.
    /// </summary>
    internal static void SolveSide(AlignedRows x, AlignedRows y, CsrMatrix rows, float lambda, float alpha, int cgSteps)
    {
        var gram = Gram.Compute(y, lambda);
        var k = x.Stride;
        Parallel.For(
            0,
            rows.Rows,
            () => new float[3 * k],
            (row, _, scratch) =>
            {
                SolveRow(x.PaddedRow(row), y, gram, rows.RowIndices(row), rows.RowValues(row), alpha, cgSteps, scratch);
                return scratch;
            },
            _ => { });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SolveRow(Span<float> x, AlignedRows y, float[] gram, ReadOnlySpan<int> columns, ReadOnlySpan<float> values, float alpha, int cgSteps, float[] scratch)
    {
        var k = x.Length;
        var r = scratch.AsSpan(0, k);
        var p = scratch.AsSpan(k, k);
        var ap = scratch.AsSpan(2 * k, k);

        // r = b − A x, where A = YᵀY + λI + Σ (c−1) y yᵀ and b = Σ c y.
        Gram.Multiply(gram, x, r);
        TensorPrimitives.Negate(r, r);
        AddInteractionTerms(y, columns, values, alpha, x, residual: true, r);

        r.CopyTo(p);
        var rsOld = TensorPrimitives.Dot<float>(r, r);
        for (var step = 0; step < cgSteps && rsOld > 1e-20f; step++)
        {
            Gram.Multiply(gram, p, ap);
            AddInteractionTerms(y, columns, values, alpha, p, residual: false, ap);

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

    /// <summary>
    /// The row's interaction terms, one fused kernel call per interaction, prefetching the factor rows
    /// <see cref="PrefetchDistance"/> interactions ahead: residual (b − Ax part): acc += (1 + e)·y − e·(y·v)·y;
    /// otherwise (A·v part): acc += e·(y·v)·y, with e = alpha · value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddInteractionTerms(AlignedRows y, ReadOnlySpan<int> columns, ReadOnlySpan<float> values, float alpha, Span<float> v, bool residual, Span<float> acc)
    {
        var k = y.Stride;
        ref var origin = ref y.Origin;
        ref var vStart = ref MemoryMarshal.GetReference(v);
        ref var accStart = ref MemoryMarshal.GetReference(acc);
        var inRegisters = Vector512.IsHardwareAccelerated && k <= Kernels.MaxRegisterRow;
        for (var n = 0; n < columns.Length; n++)
        {
            if (n + PrefetchDistance < columns.Length)
            {
                Kernels.Prefetch(ref Unsafe.Add(ref origin, columns[n + PrefetchDistance] * k), k);
            }

            var extra = alpha * values[n];
            var (c0, c1) = residual ? (1 + extra, -extra) : (0, extra);
            ref var row = ref Unsafe.Add(ref origin, columns[n] * k);
            if (inRegisters)
            {
                Kernels.AddScaledByDot512(ref row, ref vStart, k / 16, c0, c1, ref accStart);
            }
            else
            {
                Kernels.AddScaledByDot(MemoryMarshal.CreateReadOnlySpan(ref row, k), v, c0, c1, acc);
            }
        }
    }
}
