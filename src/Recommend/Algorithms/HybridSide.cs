using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Features;
using HttmOrleans.Recommend.Numerics;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// One side (users or items) of a <see cref="HybridAlgorithm"/> fit: an entity's representation is the weighted sum
/// of its features' embeddings plus, when it had training interactions and identities are on, its own identity
/// embedding; weights are the feature values scaled by their column's largest |value| and normalised to sum to 1
/// per entity. Representations are cached: a sample reads them, steps the entity's identity (which moves its cached
/// representation by w·Δidentity, so only the representation is written: the identity is brought up to date from
/// that move when the entity is next rebuilt) and adds the representation gradient to the entity's accumulator for
/// the next feature step. A cell folds its entities' accumulators into its slot of per-feature sums
/// (<see cref="FoldInto"/>); after the step's last round the slots are reduced into the shared feature rows
/// (<see cref="ReduceFeatures"/>), and the next cell that owns an entity rebuilds it from them (<see cref="Rebuild"/>).
/// <see cref="HybridTrainer"/> says which rounds a step spans; "round" below means those rounds.
/// </summary>
/// <remarks>
/// What a sample touches of an entity sits in one cache-aligned record: the representation, a line of scalars (bias,
/// identity weight, AdaGrad accumulators, the round statistics) and the round's gradient, so one update reads and
/// writes nine adjacent lines instead of three rows and seven scalar arrays.
/// </remarks>
internal sealed class HybridSide
{
    /// <summary>Scalar slots after the representation, in the record's scalar line.</summary>
    public const int RepBiasSlot = 0;

    private const int IdentityWeightSlot = 1;
    private const int IdentityAccSlot = 2;
    private const int IdentityBiasSlot = 3;
    private const int IdentityBiasAccSlot = 4;
    private const int HasFeaturesSlot = 5;

    // The round's sums of the mean squared representation gradient, of touches, of the bias gradient and of its square.
    private const int StatsSlot = 8;
    private const int StatCount = 4;
    private const int LineFloats = 16;

    private readonly int _k;
    private readonly float _inverseK;
    private readonly float _alpha;
    private readonly AlignedRows _records;

    // Per slot (a cell of the round) and feature: the summed gradient row, the statistics, whether anything was added.
    private readonly int _slots;
    private readonly float[] _slotRows;
    private readonly float[] _slotStats;
    private readonly bool[] _slotTouched;

    public HybridSide(FeatureMatrix? features, CsrMatrix interactions, bool identity, int k, float alpha, int seed, int foldSlots)
    {
        _k = k;
        _inverseK = 1f / k;
        _alpha = alpha;
        Count = interactions.Rows;
        FeatureNames = features?.Features ?? new IdMap();
        RowFloats = (k + LineFloats - 1) / LineFloats * LineFloats;
        Scalars = RowFloats;
        GradOffset = RowFloats + LineFloats;
        _records = new AlignedRows(Count, GradOffset + RowFloats);
        var (weights, scales) = Normalise(features, interactions);
        Weights = weights;
        ColumnScale = scales;
        for (var e = 0; e < Count; e++)
        {
            var record = Record(e);
            record[Scalars + HasFeaturesSlot] = weights.RowLength(e) > 0 ? 1 : 0;
            if (identity && interactions.RowLength(e) > 0)
            {
                var sum = 1f;
                foreach (var w in weights.RowValues(e))
                {
                    sum += MathF.Abs(w);
                }

                // Weights were normalised without the identity; fold it in so the row still sums to 1.
                record[Scalars + IdentityWeightSlot] = 1f / sum;
                TensorPrimitives.Multiply(weights.RowValues(e), 1f / sum, weights.Values.AsSpan(weights.RowPointers[e], weights.RowLength(e)));
            }
        }

        var featureCount = FeatureNames.Count;
        Features = new float[featureCount * k];
        FeatureBias = new float[featureCount];
        FeatureAcc = new float[featureCount];
        FeatureBiasAcc = new float[featureCount];
        FeatureStep = new float[featureCount * k];
        FeatureBiasStep = new float[featureCount];
        NormalStream.Fill(Seeds.Derive(seed, 1, 0), Features, 0, 0.1f);
        FoldRows = new float[featureCount * k];
        FoldStats = new float[featureCount * StatCount];
        _slots = foldSlots;
        _slotRows = new float[foldSlots * featureCount * k];
        _slotStats = new float[foldSlots * featureCount * StatCount];
        _slotTouched = new bool[foldSlots * featureCount];
        // rep = w·identity + Σ weight·feature row; the identity itself is never needed again (see Rebuild).
        var normals = new NormalStream(Seeds.Derive(seed, 2, 0));
        Span<float> identityRow = stackalloc float[k];
        for (var e = 0; e < Count; e++)
        {
            normals.Fill(identityRow, 0, 0.1f);
            var record = Record(e);
            var w = record[Scalars + IdentityWeightSlot];
            TensorPrimitives.Multiply(identityRow, w, record[..k]);
            FeaturePart(e, record[..k]);
            var entityFeatures = Weights.RowIndices(e);
            var entityWeights = Weights.RowValues(e);
            var bias = 0f;
            for (var n = 0; n < entityFeatures.Length; n++)
            {
                bias += entityWeights[n] * FeatureBias[entityFeatures[n]];
            }

            record[Scalars + RepBiasSlot] = bias;
        }
    }

    public int Count { get; }

    public IdMap FeatureNames { get; }

    /// <summary>Per feature column, the largest |value| in training: request-time values are divided by it too.</summary>
    public float[] ColumnScale { get; }

    /// <summary>Entity × feature, scaled and normalised weights.</summary>
    public CsrMatrix Weights { get; }

    public float[] Features { get; }

    public float[] FeatureBias { get; }

    public float[] FeatureAcc { get; }

    public float[] FeatureBiasAcc { get; }

    /// <summary>Per feature, the step its row took in the last reduce (zero when untouched), which rebuilds add.</summary>
    public float[] FeatureStep { get; }

    /// <inheritdoc cref="FeatureStep"/>
    public float[] FeatureBiasStep { get; }

    /// <summary>Per feature, the round's summed gradient row and statistics while <see cref="ReduceFeatures"/> runs.</summary>
    public float[] FoldRows { get; }

    /// <inheritdoc cref="FoldRows"/>
    public float[] FoldStats { get; }

    /// <summary>The representation's floats in a record, k rounded up to whole cache lines.</summary>
    public int RowFloats { get; }

    /// <summary>Where a record's scalar line starts (<see cref="RepBiasSlot"/> is its cached bias).</summary>
    public int Scalars { get; }


    private int GradOffset { get; }

    public int FeatureCount => FeatureNames.Count;

    /// <summary>The first float of entity 0's record; entity e's starts <c>e · </c><see cref="Stride"/> floats further.</summary>
    public ref float Origin => ref _records.Origin;

    /// <summary>Floats from one record to the next.</summary>
    public int Stride => _records.Stride;

    /// <summary>Entity <paramref name="e"/>'s record: representation, scalar line, round gradient.</summary>
    public Span<float> Record(int e) => _records.PaddedRow(e);

    /// <summary>The cached representation of entity <paramref name="e"/>.</summary>
    public Span<float> RepRow(int e) => _records.PaddedRow(e)[.._k];

    /// <summary>The cached representations, k floats per entity, as the scorer stores them.</summary>
    public float[] Representations()
    {
        var dense = new float[Count * _k];
        for (var e = 0; e < Count; e++)
        {
            RepRow(e).CopyTo(dense.AsSpan(e * _k, _k));
        }

        return dense;
    }

    /// <summary>The cached biases, one per entity.</summary>
    public float[] RepBiases()
    {
        var biases = new float[Count];
        for (var e = 0; e < Count; e++)
        {
            biases[e] = Record(e)[Scalars + RepBiasSlot];
        }

        return biases;
    }

    /// <summary>
    /// Applies representation gradient <paramref name="scale"/>·<paramref name="v"/> (and bias gradient
    /// <paramref name="biasGrad"/>) of one sample to the entity whose record is <paramref name="record"/>: AdaGrad
    /// on its identity now (through its representation), the rest kept for the round's feature update.
    /// <paramref name="vv"/> is v·v (the caller shares it between the positive and the negative item).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Apply(int e, Span<float> record, float scale, ReadOnlySpan<float> v, float vv, float biasGrad, float lr, float epsilon, bool biases)
    {
        if (_alpha != 0)
        {
            ApplyWithPenalty(e, record, scale, v, vv, biasGrad, lr, epsilon, biases);
            return;
        }

        var (repScale, gradScale) = Step(ref record[Scalars], scale, vv, biasGrad, lr, epsilon, biases);
        VectorKernels.AddScaled2(v, record.Slice(GradOffset, _k), gradScale, record[.._k], repScale);
    }

    /// <summary>True when <see cref="Apply"/> has no penalty term, so <see cref="Step"/> and a fused row pass may stand in for it.</summary>
    public bool Unpenalised => _alpha == 0;

    /// <summary>Floats from a record's start to its round gradient row.</summary>
    public int GradientOffset => GradOffset;

    /// <summary>
    /// The scalar half of <see cref="Apply"/> (no penalty): steps the entity's AdaGrad accumulators, bias and round
    /// statistics in the scalar line at <paramref name="scalars"/>, and returns the scales the caller applies to the
    /// rows in one fused pass: representation += Rep·v, round gradient += Grad·v.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (float Rep, float Grad) Step(ref float scalars, float scale, float vv, float biasGrad, float lr, float epsilon, bool biases)
    {
        var gradScale = Track(ref scalars, scale, vv, biasGrad);
        var w = Unsafe.Add(ref scalars, IdentityWeightSlot);
        if (w == 0)
        {
            return (0, gradScale);
        }

        var ws = w * scale;
        var acc = Unsafe.Add(ref scalars, IdentityAccSlot) += ws * ws * vv * _inverseK;
        if (biases)
        {
            var gb = w * biasGrad;
            var biasAcc = Unsafe.Add(ref scalars, IdentityBiasAccSlot) += gb * gb;
            var bstep = lr * VectorKernels.InverseSqrt(epsilon + biasAcc) * gb;
            Unsafe.Add(ref scalars, IdentityBiasSlot) -= bstep;
            Unsafe.Add(ref scalars, RepBiasSlot) -= w * bstep;
        }

        return (-w * (lr * VectorKernels.InverseSqrt(epsilon + acc)) * ws, gradScale);
    }

    // Adds one sample to the entity's round statistics when it has features (their rows learn from them), and returns
    // the scale its round gradient takes (zero without features).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Track(ref float scalars, float scale, float vv, float biasGrad)
    {
        if (Unsafe.Add(ref scalars, HasFeaturesSlot) == 0)
        {
            return 0;
        }

        Unsafe.Add(ref scalars, StatsSlot) += scale * scale * vv * _inverseK;
        Unsafe.Add(ref scalars, StatsSlot + 1)++;
        Unsafe.Add(ref scalars, StatsSlot + 2) += biasGrad;
        Unsafe.Add(ref scalars, StatsSlot + 3) += biasGrad * biasGrad;
        return scale;
    }

    // Apply with the L2 penalty α on identities: g = w·scale·v + α·identity, and the identity decays by step·α.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ApplyWithPenalty(int e, Span<float> record, float scale, ReadOnlySpan<float> v, float vv, float biasGrad, float lr, float epsilon, bool biases)
    {
        var scalars = record.Slice(Scalars, LineFloats);
        var rep = record[.._k];
        var grad = record.Slice(GradOffset, _k);
        var gradScale = Track(ref record[Scalars], scale, vv, biasGrad);
        var w = scalars[IdentityWeightSlot];
        if (w == 0)
        {
            if (gradScale != 0)
            {
                VectorKernels.AddScaled(v, gradScale, grad);
            }

            return;
        }

        var ws = w * scale;
        Span<float> row = stackalloc float[_k];
        CurrentIdentity(e, rep, w, row);
        var squared = (ws * ws * vv) + (2 * ws * _alpha * VectorKernels.Dot(v, row)) + (_alpha * _alpha * VectorKernels.Dot(row, row));
        var acc = scalars[IdentityAccSlot] += squared * _inverseK;
        var step = lr / MathF.Sqrt(epsilon + acc);
        VectorKernels.AddScaled(row, -w * step * _alpha, rep);
        VectorKernels.AddScaled2(v, grad, gradScale, rep, -w * step * ws);
        if (biases)
        {
            var gb = (w * biasGrad) + (_alpha * scalars[IdentityBiasSlot]);
            var biasAcc = scalars[IdentityBiasAccSlot] += gb * gb;
            var bstep = lr / MathF.Sqrt(epsilon + biasAcc) * gb;
            scalars[IdentityBiasSlot] -= bstep;
            scalars[RepBiasSlot] -= w * bstep;
        }
    }

    /// <summary>
    /// Adds entity <paramref name="e"/>'s round gradient, scaled by each of its feature weights, to those features'
    /// sums in slot <paramref name="slot"/> (one slot per cell of a round, so cells running at once never share one).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FoldInto(int e, int slot)
    {
        var record = Record(e);
        var stats = record.Slice(Scalars + StatsSlot, StatCount);

        // Untouched entities have zero gradients (cleared by Rebuild).
        if (stats[1] == 0)
        {
            return;
        }

        var features = Weights.RowIndices(e);
        var weights = Weights.RowValues(e);
        ref var grad = ref Unsafe.Add(ref MemoryMarshal.GetReference(record), GradOffset);
        ref var rows = ref MemoryMarshal.GetArrayDataReference(_slotRows);
        var offset = slot * FeatureCount;
        var width = Vector<float>.Count;
        for (var n = 0; n < features.Length; n++)
        {
            var at = offset + features[n];
            var w = weights[n];
            ref var row = ref Unsafe.Add(ref rows, at * _k);
            var c = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var vw = new Vector<float>(w);
                for (; c <= _k - width; c += width)
                {
                    Vector.StoreUnsafe(VectorKernels.Fma(vw, Vector.LoadUnsafe(ref grad, (nuint)c), Vector.LoadUnsafe(ref row, (nuint)c)), ref row, (nuint)c);
                }
            }

            for (; c < _k; c++)
            {
                Unsafe.Add(ref row, c) += w * Unsafe.Add(ref grad, c);
            }

            var sums = _slotStats.AsSpan(at * StatCount, StatCount);
            sums[0] += w * w * stats[0];
            sums[1] += w * stats[1];
            sums[2] += w * stats[2];
            sums[3] += w * w * stats[3];
            _slotTouched[at] = true;
        }

        // The round's gradient is in the slots now: start the next round's from zero.
        record.Slice(GradOffset, _k).Clear();
        stats.Clear();
    }

    /// <summary>
    /// Sums the slots of features [<paramref name="from"/>, <paramref name="to"/>) in slot order, clears them, and
    /// steps those features' rows and biases (row-wise AdaGrad).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ReduceFeatures(int from, int to, float lr, float epsilon, bool biases)
    {
        for (var f = from; f < to; f++)
        {
            var rows = FoldRows.AsSpan(f * _k, _k);
            var sums = FoldStats.AsSpan(f * StatCount, StatCount);
            rows.Clear();
            sums.Clear();
            for (var slot = 0; slot < _slots; slot++)
            {
                var at = (slot * FeatureCount) + f;
                if (!_slotTouched[at])
                {
                    continue;
                }

                var slotRow = _slotRows.AsSpan(at * _k, _k);
                var slotSums = _slotStats.AsSpan(at * StatCount, StatCount);
                VectorKernels.AddScaled(slotRow, 1f, rows);
                for (var c = 0; c < StatCount; c++)
                {
                    sums[c] += slotSums[c];
                }

                slotRow.Clear();
                slotSums.Clear();
                _slotTouched[at] = false;
            }

            UpdateFeature(f, lr, epsilon, biases);
        }
    }

    /// <summary>Rebuilds every entity (after the last round, so the fit ends with the last feature step in).</summary>
    public void RebuildAll()
    {
        for (var e = 0; e < Count; e++)
        {
            Rebuild(e);
        }
    }

    /// <summary>
    /// Brings entity <paramref name="e"/>'s cached representation up to date with the last reduce: the representation
    /// is w·identity + Σ weight·feature row, and between two rebuilds the samples move only the identity part, so
    /// adding Σ weight·(the features' last steps) gives exactly what summing the new rows would, without reading the
    /// identity (which is never stored: what the samples did to it lives in the representation).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Rebuild(int e)
    {
        var features = Weights.RowIndices(e);
        if (features.IsEmpty)
        {
            return;
        }

        var record = Record(e);
        var weights = Weights.RowValues(e);
        VectorKernels.AddWeightedRows(FeatureStep, _k, features, weights, record[.._k]);
        var bias = 0f;
        for (var n = 0; n < features.Length; n++)
        {
            bias += weights[n] * FeatureBiasStep[features[n]];
        }

        record[Scalars + RepBiasSlot] += bias;
    }

    /// <summary>True when the entity has a representation at all (features, or an identity learned from interactions).</summary>
    public bool IsRepresented(int e)
    {
        var scalars = Record(e).Slice(Scalars, LineFloats);
        return scalars[IdentityWeightSlot] > 0 || scalars[HasFeaturesSlot] != 0;
    }


    // The identity as the samples left it: (rep − Σ weight·feature row) / w, the features being those the last
    // rebuild added (they only change in a reduce).
    private void CurrentIdentity(int e, ReadOnlySpan<float> rep, float w, Span<float> destination)
    {
        destination.Clear();
        FeaturePart(e, destination);
        TensorPrimitives.Subtract(rep, destination, destination);
        TensorPrimitives.Multiply(destination, 1f / w, destination);
    }

    // destination += Σ weight·feature row of entity e.
    private void FeaturePart(int e, Span<float> destination) =>
        VectorKernels.AddWeightedRows(Features, _k, Weights.RowIndices(e), Weights.RowValues(e), destination);

    private void UpdateFeature(int f, float lr, float epsilon, bool biases)
    {
        var sums = FoldStats.AsSpan(f * StatCount, StatCount);
        var (squared, touches, bias, biasSquared) = (sums[0], sums[1], sums[2], sums[3]);
        var step = FeatureStep.AsSpan(f * _k, _k);
        FeatureBiasStep[f] = 0;
        if (touches == 0)
        {
            step.Clear();
            return;
        }

        var scratch = FoldRows.AsSpan(f * _k, _k);
        var row = Features.AsSpan(f * _k, _k);
        if (_alpha != 0)
        {
            TensorPrimitives.MultiplyAdd(row, _alpha * touches, scratch, scratch);
        }

        FeatureAcc[f] += squared;
        TensorPrimitives.Multiply(scratch, -lr / MathF.Sqrt(epsilon + FeatureAcc[f]), step);
        TensorPrimitives.Add(row, step, row);
        if (biases)
        {
            bias += _alpha * touches * FeatureBias[f];
            FeatureBiasAcc[f] += biasSquared;
            FeatureBiasStep[f] = -lr / MathF.Sqrt(epsilon + FeatureBiasAcc[f]) * bias;
            FeatureBias[f] += FeatureBiasStep[f];
        }
    }

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
