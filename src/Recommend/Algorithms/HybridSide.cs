using System.Numerics.Tensors;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Features;
using HttmOrleans.Recommend.Numerics;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// One side (users or items) of a <see cref="HybridAlgorithm"/> fit: an entity's representation is the weighted sum
/// of its features' embeddings plus, when it had training interactions and identities are on, its own identity
/// embedding; weights are the feature values scaled by their column's largest |value| and normalised to sum to 1
/// per entity. Representations are cached (<see cref="Rep"/>): a sample reads them, updates identity rows at once
/// (their block owns them) and adds the representation gradient to the entity's round accumulator; shared feature
/// rows are updated from those accumulators once per round (<see cref="FoldFeatures"/>), then the cache is rebuilt.
/// </summary>
internal sealed class HybridSide
{
    private const int StatCount = 4;
    private readonly int _k;
    private readonly float _alpha;

    public HybridSide(FeatureMatrix? features, CsrMatrix interactions, bool identity, int k, float alpha, int seed)
    {
        _k = k;
        _alpha = alpha;
        Count = interactions.Rows;
        FeatureNames = features?.Features ?? new IdMap();
        var (weights, scales) = Normalise(features, interactions);
        Weights = weights;
        ColumnScale = scales;
        IdentityWeight = new float[Count];
        for (var e = 0; e < Count; e++)
        {
            if (identity && interactions.RowLength(e) > 0)
            {
                var sum = 1f;
                foreach (var w in weights.RowValues(e))
                {
                    sum += MathF.Abs(w);
                }

                // Weights were normalised without the identity; fold it in so the row still sums to 1.
                IdentityWeight[e] = 1f / sum;
                TensorPrimitives.Multiply(weights.RowValues(e), 1f / sum, weights.Values.AsSpan(weights.RowPointers[e], weights.RowLength(e)));
            }
        }

        ByFeature = weights.Transpose();
        var featureCount = FeatureNames.Count;
        Features = new float[featureCount * k];
        FeatureBias = new float[featureCount];
        FeatureAcc = new float[featureCount];
        FeatureBiasAcc = new float[featureCount];
        Identity = new float[Count * k];
        IdentityBias = new float[Count];
        IdentityAcc = new float[Count];
        IdentityBiasAcc = new float[Count];
        NormalStream.Fill(Seeds.Derive(seed, 1, 0), Features, 0, 0.1f);
        NormalStream.Fill(Seeds.Derive(seed, 2, 0), Identity, 0, 0.1f);
        Rep = new float[Count * k];
        RepBias = new float[Count];
        Grad = new float[Count * k];
        Stats = new float[Count * StatCount];
        FoldRows = new float[featureCount * k];
        FoldStats = new float[featureCount * StatCount];
        for (var e = 0; e < Count; e++)
        {
            Rebuild(e);
        }
    }

    public int Count { get; }

    public IdMap FeatureNames { get; }

    /// <summary>Per feature column, the largest |value| in training: request-time values are divided by it too.</summary>
    public float[] ColumnScale { get; }

    /// <summary>Entity × feature, scaled and normalised weights.</summary>
    public CsrMatrix Weights { get; }

    public CsrMatrix ByFeature { get; }

    public float[] IdentityWeight { get; }

    public float[] Features { get; }

    public float[] FeatureBias { get; }

    public float[] FeatureAcc { get; }

    public float[] FeatureBiasAcc { get; }

    public float[] Identity { get; }

    public float[] IdentityBias { get; }

    public float[] IdentityAcc { get; }

    public float[] IdentityBiasAcc { get; }

    public float[] Rep { get; }

    public float[] RepBias { get; }

    public float[] Grad { get; }

    /// <summary>
    /// Per entity, the round's sums of the mean squared representation gradient, of touches, of the bias gradient
    /// and of its square, side by side (one cache line per entity for the fold, where four arrays took four).
    /// </summary>
    public float[] Stats { get; }

    /// <summary>Per feature, the round's summed gradient row and statistics while <see cref="FoldFeatures"/> runs.</summary>
    public float[] FoldRows { get; }

    /// <inheritdoc cref="FoldRows"/>
    public float[] FoldStats { get; }

    public int FeatureCount => FeatureNames.Count;

    public Span<float> RepRow(int e) => Rep.AsSpan(e * _k, _k);

    /// <summary>
    /// Applies representation gradient <paramref name="scale"/>·<paramref name="v"/> (and bias gradient
    /// <paramref name="biasGrad"/>) of one sample to entity <paramref name="e"/>: AdaGrad on its identity row now,
    /// the rest kept for the round's feature update. <paramref name="vv"/> is v·v (the caller shares it between the
    /// positive and the negative item).
    /// </summary>
    public void Apply(int e, float scale, ReadOnlySpan<float> v, float vv, float biasGrad, float lr, float epsilon, bool biases)
    {
        float gradScale = 0, repScale = 0, rowScale = 0;
        if (Weights.RowLength(e) > 0)
        {
            gradScale = scale;
            var stats = Stats.AsSpan(e * StatCount, StatCount);
            stats[0] += scale * scale * vv / _k;
            stats[1]++;
            stats[2] += biasGrad;
            stats[3] += biasGrad * biasGrad;
        }

        var w = IdentityWeight[e];
        var row = Identity.AsSpan(e * _k, _k);
        var rep = RepRow(e);
        if (w != 0)
        {
            // g = w·scale·v + α·identity; row-wise AdaGrad: one accumulator per row, the mean of g² over the row.
            var ws = w * scale;
            var squared = (ws * ws * vv) + (_alpha == 0 ? 0 : (2 * ws * _alpha * TensorPrimitives.Dot(v, row)) + (_alpha * _alpha * TensorPrimitives.Dot<float>(row, row)));
            IdentityAcc[e] += squared / _k;
            var step = lr / MathF.Sqrt(epsilon + IdentityAcc[e]);
            if (_alpha != 0)
            {
                TensorPrimitives.MultiplyAdd(row, -w * step * _alpha, rep, rep);
                TensorPrimitives.Multiply(row, 1f - (step * _alpha), row);
            }

            repScale = -w * step * ws;
            rowScale = -step * ws;
            if (biases)
            {
                var gb = (w * biasGrad) + (_alpha * IdentityBias[e]);
                IdentityBiasAcc[e] += gb * gb;
                var bstep = lr / MathF.Sqrt(epsilon + IdentityBiasAcc[e]) * gb;
                IdentityBias[e] -= bstep;
                RepBias[e] -= w * bstep;
            }
        }

        if (gradScale != 0 || rowScale != 0)
        {
            VectorKernels.AddScaled3(v, Grad.AsSpan(e * _k, _k), gradScale, rep, repScale, row, rowScale);
        }
    }

    /// <summary>
    /// Folds the round's accumulated gradients of every entity into the rows and biases of features
    /// [<paramref name="from"/>, <paramref name="to"/>) (row-wise AdaGrad). Walks the entities in order and scatters
    /// each gradient row into the features it has, so the large gradient array streams through once instead of
    /// being gathered feature by feature; every feature still sums its entities in ascending order.
    /// </summary>
    public void FoldFeatures(int from, int to, float lr, float epsilon, bool biases)
    {
        if (to <= from)
        {
            return;
        }

        FoldRows.AsSpan(from * _k, (to - from) * _k).Clear();
        FoldStats.AsSpan(from * StatCount, (to - from) * StatCount).Clear();
        for (var e = 0; e < Count; e++)
        {
            var stats = Stats.AsSpan(e * StatCount, StatCount);

            // Untouched entities have zero gradients (cleared by Rebuild).
            if (stats[1] == 0)
            {
                continue;
            }

            var features = Weights.RowIndices(e);
            var weights = Weights.RowValues(e);
            var grad = Grad.AsSpan(e * _k, _k);
            for (var n = 0; n < features.Length; n++)
            {
                var f = features[n];
                if (f < from || f >= to)
                {
                    continue;
                }

                var w = weights[n];
                VectorKernels.AddScaled(grad, w, FoldRows.AsSpan(f * _k, _k));
                var sums = FoldStats.AsSpan(f * StatCount, StatCount);
                sums[0] += w * w * stats[0];
                sums[1] += w * stats[1];
                sums[2] += w * stats[2];
                sums[3] += w * w * stats[3];
            }
        }

        for (var f = from; f < to; f++)
        {
            UpdateFeature(f, lr, epsilon, biases);
        }
    }

    private void UpdateFeature(int f, float lr, float epsilon, bool biases)
    {
        var sums = FoldStats.AsSpan(f * StatCount, StatCount);
        var (squared, touches, bias, biasSquared) = (sums[0], sums[1], sums[2], sums[3]);
        if (touches == 0)
        {
            return;
        }

        var scratch = FoldRows.AsSpan(f * _k, _k);
        var row = Features.AsSpan(f * _k, _k);
        if (_alpha != 0)
        {
            TensorPrimitives.MultiplyAdd(row, _alpha * touches, scratch, scratch);
        }

        FeatureAcc[f] += squared;
        TensorPrimitives.MultiplyAdd(scratch, -lr / MathF.Sqrt(epsilon + FeatureAcc[f]), row, row);
        if (biases)
        {
            bias += _alpha * touches * FeatureBias[f];
            FeatureBiasAcc[f] += biasSquared;
            FeatureBias[f] -= lr / MathF.Sqrt(epsilon + FeatureBiasAcc[f]) * bias;
        }
    }

    /// <summary>Recomputes entity <paramref name="e"/>'s cached representation and clears its round accumulators.</summary>
    public void Rebuild(int e)
    {
        var rep = RepRow(e);
        var w = IdentityWeight[e];
        TensorPrimitives.Multiply(Identity.AsSpan(e * _k, _k), w, rep);
        var bias = w * IdentityBias[e];
        var features = Weights.RowIndices(e);
        var weights = Weights.RowValues(e);
        VectorKernels.AddWeightedRows(Features, _k, features, weights, rep);
        for (var n = 0; n < features.Length; n++)
        {
            bias += weights[n] * FeatureBias[features[n]];
        }

        RepBias[e] = bias;
        Grad.AsSpan(e * _k, _k).Clear();
        Stats.AsSpan(e * StatCount, StatCount).Clear();
    }

    /// <summary>True when the entity has a representation at all (features, or an identity learned from interactions).</summary>
    public bool IsRepresented(int e) => IdentityWeight[e] > 0 || Weights.RowLength(e) > 0;

    // Scaled by column max |value|, then each row normalised to sum 1 (identity folded in later).
    private static (CsrMatrix Weights, float[] Scales) Normalise(FeatureMatrix? features, CsrMatrix interactions)
    {
        if (features is null)
        {
            return (new CsrMatrix(interactions.Rows, 0, new int[interactions.Rows + 1], [], []), []);
        }

        var rows = features.Rows;
        var scales = new float[rows.Columns];
        for (var n = 0; n < rows.Count; n++)
        {
            scales[rows.ColumnIndices[n]] = MathF.Max(scales[rows.ColumnIndices[n]], MathF.Abs(rows.Values[n]));
        }

        for (var f = 0; f < scales.Length; f++)
        {
            scales[f] = scales[f] > 0 ? scales[f] : 1f;
        }

        var values = new float[rows.Count];
        for (var e = 0; e < rows.Rows; e++)
        {
            var sum = 0f;
            for (var n = rows.RowPointers[e]; n < rows.RowPointers[e + 1]; n++)
            {
                values[n] = rows.Values[n] / scales[rows.ColumnIndices[n]];
                sum += MathF.Abs(values[n]);
            }

            for (var n = rows.RowPointers[e]; n < rows.RowPointers[e + 1] && sum > 0; n++)
            {
                values[n] /= sum;
            }
        }

        return (new CsrMatrix(rows.Rows, rows.Columns, rows.RowPointers, rows.ColumnIndices, values), scales);
    }
}
