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
    private readonly ItemVectors _items;
    private readonly float[] _itemBias;
    private readonly bool[] _userRepresented;
    private readonly FeatureMatrix _userFeatures;
    private readonly float[] _userScales;
    private readonly float[] _userEmbeddings;

    public FeatureEmbeddingScorer(int k, float[] users, float[] items, float[] itemBias, IdMap userFeatureNames, float[] userScales, float[] userEmbeddings)
    {
        _k = k;
        _users = users;
        _items = new ItemVectors(k, items, itemBias);
        _itemBias = itemBias;
        _userScales = userScales;
        _userEmbeddings = userEmbeddings;
        _userFeatures = new FeatureMatrix(userFeatureNames, new CsrMatrix(0, userFeatureNames.Count, [0], [], []));
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
        var bias = items.RepBiases();
        for (var i = 0; i < bias.Length; i++)
        {
            bias[i] = items.IsRepresented(i) ? bias[i] : float.NegativeInfinity;
        }

        return new FeatureEmbeddingScorer(k, users.Representations(), items.Representations(), bias, users.FeatureNames, users.ColumnScale, users.Features);
    }

    public override bool CanScoreUser(int user) => user >= 0 && user < _userRepresented.Length && _userRepresented[user];

    public override void ScoreAll(int user, ReadOnlySpan<int> seenItems, ReadOnlySpan<float> seenValues, Span<float> scores) =>
        _items.Score(_users.AsSpan(user * _k, _k), scores);

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

        _items.Score(vector, scores);
        return true;
    }

    public override void ScoreSimilar(int item, Span<float> scores) => _items.ScoreSimilar(item, scores);
}
