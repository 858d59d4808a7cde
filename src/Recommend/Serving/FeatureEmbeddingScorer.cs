using System.Numerics;
using System.Numerics.Tensors;
using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Features;

namespace HttmOrleans.Recommend.Serving;

/// <summary>
/// A hybrid model served: every known user and item folded into one vector (features, plus identity when it had
/// interactions), score = user·item + item bias, one SIMD matrix–vector product per request as for <c>als</c>.
/// Keeps the user feature embeddings and column scales, so a user never seen in training is ranked from features
/// given with the request. An item with neither features nor interactions has no vector and is never recommended.
/// </summary>
internal sealed partial class FeatureEmbeddingScorer : ModelScorer
{
    private readonly int _k;
    private readonly float[] _users;
    private readonly float[] _items;
    private readonly float[] _itemBias;
    private readonly float[] _itemNorms;
    private readonly bool[] _userRepresented;
    private readonly FeatureMatrix _userFeatures;
    private readonly float[] _userScales;
    private readonly float[] _userEmbeddings;

    // Item vectors factor-major (factor f of item i at f · itemCount + i), for scoring the whole catalogue.
    private readonly float[] _itemsByFactor;

    public FeatureEmbeddingScorer(int k, float[] users, float[] items, float[] itemBias, IdMap userFeatureNames, float[] userScales, float[] userEmbeddings)
    {
        _k = k;
        _users = users;
        _items = items;
        _itemBias = itemBias;
        _userScales = userScales;
        _userEmbeddings = userEmbeddings;
        _userFeatures = new FeatureMatrix(userFeatureNames, new CsrMatrix(0, userFeatureNames.Count, [0], [], []));
        var itemCount = itemBias.Length;
        _itemNorms = new float[itemCount];
        _itemsByFactor = new float[items.Length];
        for (var i = 0; i < itemCount; i++)
        {
            _itemNorms[i] = TensorPrimitives.Norm(ItemRow(i));
            for (var f = 0; f < k; f++)
            {
                _itemsByFactor[(f * itemCount) + i] = items[(i * k) + f];
            }
        }

        _userRepresented = new bool[users.Length / k];
        for (var u = 0; u < _userRepresented.Length; u++)
        {
            _userRepresented[u] = TensorPrimitives.Norm<float>(users.AsSpan(u * k, k)) > 0;
        }
    }

    public override ScorerKind Kind => ScorerKind.FeatureEmbeddings;

    /// <summary>Folds a finished fit into per-entity vectors.</summary>
    public static FeatureEmbeddingScorer From(HybridSide users, HybridSide items, int k)
    {
        var bias = (float[])items.RepBias.Clone();
        for (var i = 0; i < bias.Length; i++)
        {
            bias[i] = items.IsRepresented(i) ? bias[i] : float.NegativeInfinity;
        }

        return new FeatureEmbeddingScorer(k, users.Rep, items.Rep, bias, users.FeatureNames, users.ColumnScale, users.Features);
    }

    public override bool CanScoreUser(int user) => user >= 0 && user < _userRepresented.Length && _userRepresented[user];

    public override void ScoreAll(int user, ReadOnlySpan<int> seenItems, ReadOnlySpan<float> seenValues, Span<float> scores) =>
        ScoreVector(_users.AsSpan(user * _k, _k), scores);

    public override bool TryScoreNewUser(IReadOnlyList<KeyValuePair<string, string>> features, Span<float> scores, List<string> unknown)
    {
        var indices = new List<int>();
        var weights = new List<float>();
        _userFeatures.Encode(features, indices, weights, unknown);
        var sum = 0f;
        for (var n = 0; n < indices.Count; n++)
        {
            weights[n] /= _userScales[indices[n]];
            sum += MathF.Abs(weights[n]);
        }

        if (sum == 0)
        {
            return false;
        }

        // As in training: scaled by the column's largest value, normalised to sum 1, no identity.
        Span<float> vector = stackalloc float[_k];
        vector.Clear();
        for (var n = 0; n < indices.Count; n++)
        {
            TensorPrimitives.MultiplyAdd(_userEmbeddings.AsSpan(indices[n] * _k, _k), weights[n] / sum, vector, vector);
        }

        ScoreVector(vector, scores);
        return true;
    }

    public override void ScoreSimilar(int item, Span<float> scores)
    {
        var target = ItemRow(item);
        var targetNorm = _itemNorms[item];
        for (var i = 0; i < scores.Length; i++)
        {
            var denominator = targetNorm * _itemNorms[i];
            scores[i] = denominator > 0 ? TensorPrimitives.Dot(target, ItemRow(i)) / denominator : float.NegativeInfinity;
        }
    }

    // Four vectors of items at once over the factor-major copy, as FactorScorer does.
    private void ScoreVector(ReadOnlySpan<float> u, Span<float> scores)
    {
        var n = _itemBias.Length;
        var width = Vector<float>.Count;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + (4 * width) <= n; i += 4 * width)
            {
                ref var column = ref _itemsByFactor[i];
                var s0 = Vector.LoadUnsafe(ref _itemBias[i]);
                var s1 = Vector.LoadUnsafe(ref _itemBias[i], (nuint)width);
                var s2 = Vector.LoadUnsafe(ref _itemBias[i], (nuint)(2 * width));
                var s3 = Vector.LoadUnsafe(ref _itemBias[i], (nuint)(3 * width));
                for (var f = 0; f < u.Length; f++)
                {
                    var uf = new Vector<float>(u[f]);
                    var at = (nuint)(f * n);
                    s0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref column, at), uf, s0);
                    s1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref column, at + (nuint)width), uf, s1);
                    s2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref column, at + (nuint)(2 * width)), uf, s2);
                    s3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref column, at + (nuint)(3 * width)), uf, s3);
                }

                s0.StoreUnsafe(ref scores[i]);
                s1.StoreUnsafe(ref scores[i], (nuint)width);
                s2.StoreUnsafe(ref scores[i], (nuint)(2 * width));
                s3.StoreUnsafe(ref scores[i], (nuint)(3 * width));
            }
        }

        for (; i < n; i++)
        {
            scores[i] = TensorPrimitives.Dot(u, ItemRow(i)) + _itemBias[i];
        }
    }

    private ReadOnlySpan<float> ItemRow(int item) => _items.AsSpan(item * _k, _k);
}
