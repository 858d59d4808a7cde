using System.Numerics.Tensors;

namespace HttmOrleans.Recommend.Serving;

/// <summary>
/// Latent factors (svd, nmf, als, bpr): score = global mean + user bias + item bias + user·item, where the biases
/// are optional; similar items by cosine of item factors.
/// </summary>
internal sealed class FactorScorer : ModelScorer
{
    private readonly int _factors;
    private readonly float[] _users;
    private readonly ItemVectors _items;
    private readonly float[]? _userBias;
    private readonly float[]? _itemBias;
    private readonly float _globalMean;
    private readonly bool _predictsRatings;

    public FactorScorer(int factors, float[] users, float[] items, float[]? userBias, float[]? itemBias, float globalMean, bool predictsRatings)
    {
        _factors = factors;
        _users = users;
        _userBias = userBias;
        _itemBias = itemBias;
        _globalMean = globalMean;
        _predictsRatings = predictsRatings;
        _items = new ItemVectors(factors, items, itemBias);
    }

    public override ScorerKind Kind => ScorerKind.Factors;

    public override bool CanPredictRatings => _predictsRatings;

    /// <summary>Number of latent factors.</summary>
    public int Factors => _factors;

    public override void ScoreAll(int user, ReadOnlySpan<int> seenItems, ReadOnlySpan<float> seenValues, Span<float> scores) =>
        _items.Score(_users.AsSpan(user * _factors, _factors), scores);

    public override float PredictRating(int user, int item)
    {
        var score = _globalMean + TensorPrimitives.Dot(_users.AsSpan(user * _factors, _factors), _items.Row(item));
        score += _userBias is null ? 0 : _userBias[user];
        score += _itemBias is null ? 0 : _itemBias[item];
        return score;
    }

    public override void ScoreSimilar(int item, Span<float> scores) => _items.ScoreSimilar(item, scores);

    public override void Write(BinaryWriter writer)
    {
        writer.Write(_factors);
        writer.Write(_globalMean);
        writer.Write(_predictsRatings);
        BinaryIo.WriteArray<float>(writer, _users);
        BinaryIo.WriteArray<float>(writer, _items.Rows);
        BinaryIo.WriteArray<float>(writer, _userBias ?? []);
        BinaryIo.WriteArray<float>(writer, _itemBias ?? []);
    }

    public static FactorScorer Read(BinaryReader reader, int users, int items)
    {
        var factors = reader.ReadInt32();
        var globalMean = reader.ReadSingle();
        var predicts = reader.ReadBoolean();
        var u = BinaryIo.ReadArray<float>(reader);
        var v = BinaryIo.ReadArray<float>(reader);
        var ub = BinaryIo.ReadArray<float>(reader, users);
        var ib = BinaryIo.ReadArray<float>(reader, items);
        if (factors <= 0 || u.Length != (long)users * factors || v.Length != (long)items * factors)
        {
            throw new InvalidDataException("Factor matrices do not match the id maps.");
        }

        return new FactorScorer(factors, u, v, ub.Length == 0 ? null : ub, ib.Length == 0 ? null : ib, globalMean, predicts);
    }
}
