using System.Numerics;
using System.Numerics.Tensors;

namespace HttmOrleans.Recommend.Serving;

/// <summary>
/// Every item's vector laid out for scoring the whole catalogue: the row-major rows, a dimension-major copy
/// (dimension d of item i at d · count + i), their norms for cosine similarity, and an optional bias per item.
/// Shared by the scorers whose score is bias + user·item (factor models, hybrid, ffm).
/// </summary>
internal sealed class ItemVectors
{
    private readonly float[] _rows;
    private readonly float[]? _bias;
    private readonly float[] _norms;
    private readonly float[] _byDimension;

    /// <summary>Prepares <paramref name="rows"/> (items × <paramref name="dimensions"/>, row-major), which it keeps.</summary>
    public ItemVectors(int dimensions, float[] rows, float[]? bias)
    {
        Dimensions = dimensions;
        _rows = rows;
        _bias = bias;
        Count = dimensions == 0 ? 0 : rows.Length / dimensions;
        _norms = new float[Count];
        _byDimension = new float[rows.Length];
        for (var i = 0; i < Count; i++)
        {
            _norms[i] = TensorPrimitives.Norm(Row(i));
            for (var d = 0; d < dimensions; d++)
            {
                _byDimension[(d * Count) + i] = rows[(i * dimensions) + d];
            }
        }
    }

    /// <summary>Length of each vector.</summary>
    public int Dimensions { get; }

    /// <summary>Number of items.</summary>
    public int Count { get; }

    /// <summary>The row-major vectors, as given (what a model file stores).</summary>
    public float[] Rows => _rows;

    /// <summary>Item <paramref name="item"/>'s vector.</summary>
    public ReadOnlySpan<float> Row(int item) => _rows.AsSpan(item * Dimensions, Dimensions);

    /// <summary>Item <paramref name="item"/>'s bias, 0 without biases.</summary>
    public float Bias(int item) => _bias is null ? 0 : _bias[item];

    /// <summary>
    /// Writes bias + <paramref name="user"/>·item for every item: one matrix–vector product over the
    /// dimension-major copy, four vectors of items at a time multiply-adding every dimension into registers, with no
    /// horizontal sum and no call per item (a dot product per item cost about half of a <c>/recommend</c>
    /// request's CPU time).
    /// </summary>
    public void Score(ReadOnlySpan<float> user, Span<float> scores)
    {
        var n = Count;
        var width = Vector<float>.Count;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Four independent multiply-add chains keep the FMA units busy.
            for (; i + (4 * width) <= n; i += 4 * width)
            {
                ref var column = ref _byDimension[i];
                var (s0, s1, s2, s3) = _bias is null
                    ? (Vector<float>.Zero, Vector<float>.Zero, Vector<float>.Zero, Vector<float>.Zero)
                    : (Vector.LoadUnsafe(ref _bias[i]), Vector.LoadUnsafe(ref _bias[i], (nuint)width),
                        Vector.LoadUnsafe(ref _bias[i], (nuint)(2 * width)), Vector.LoadUnsafe(ref _bias[i], (nuint)(3 * width)));
                for (var d = 0; d < user.Length; d++)
                {
                    var ud = new Vector<float>(user[d]);
                    var at = (nuint)(d * n);
                    s0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref column, at), ud, s0);
                    s1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref column, at + (nuint)width), ud, s1);
                    s2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref column, at + (nuint)(2 * width)), ud, s2);
                    s3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref column, at + (nuint)(3 * width)), ud, s3);
                }

                s0.StoreUnsafe(ref scores[i]);
                s1.StoreUnsafe(ref scores[i], (nuint)width);
                s2.StoreUnsafe(ref scores[i], (nuint)(2 * width));
                s3.StoreUnsafe(ref scores[i], (nuint)(3 * width));
            }
        }

        for (; i < n; i++)
        {
            scores[i] = TensorPrimitives.Dot(user, Row(i)) + Bias(i);
        }
    }

    /// <summary>Cosine similarity of every item's vector to <paramref name="item"/>'s; an item without a vector gets negative infinity.</summary>
    public void ScoreSimilar(int item, Span<float> scores)
    {
        var target = Row(item);
        var targetNorm = _norms[item];
        for (var i = 0; i < scores.Length; i++)
        {
            var denominator = targetNorm * _norms[i];
            scores[i] = denominator > 0 ? TensorPrimitives.Dot(target, Row(i)) / denominator : float.NegativeInfinity;
        }
    }
}
