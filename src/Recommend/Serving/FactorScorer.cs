using System.Numerics;
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
    private readonly float[] _items;
    private readonly float[]? _userBias;
    private readonly float[]? _itemBias;
    private readonly float _globalMean;
    private readonly bool _predictsRatings;
    private readonly float[] _itemNorms;

    // Item factors factor-major (factor f of item i at f · itemCount + i), for scoring the whole catalogue.
    private readonly float[] _itemsByFactor;

    public FactorScorer(int factors, float[] users, float[] items, float[]? userBias, float[]? itemBias, float globalMean, bool predictsRatings)
    {
        _factors = factors;
        _users = users;
        _items = items;
        _userBias = userBias;
        _itemBias = itemBias;
        _globalMean = globalMean;
        _predictsRatings = predictsRatings;
        var itemCount = factors == 0 ? 0 : items.Length / factors;
        _itemNorms = new float[itemCount];
        _itemsByFactor = new float[items.Length];
        for (var i = 0; i < itemCount; i++)
        {
            _itemNorms[i] = TensorPrimitives.Norm(ItemRow(i));
            for (var f = 0; f < factors; f++)
            {
                _itemsByFactor[(f * itemCount) + i] = items[(i * factors) + f];
            }
        }
    }

    public override ScorerKind Kind => ScorerKind.Factors;

    public override bool CanPredictRatings => _predictsRatings;

    /// <summary>Number of latent factors.</summary>
    public int Factors => _factors;

    /// <remarks>
    /// One matrix–vector product over the factor-major copy of the item factors: four vectors of items at a time,
    /// multiply-adding every factor into registers, with no horizontal sum and no call per item (a dot product
    /// per item cost about half of a <c>/recommend</c> request's CPU time).
    /// </remarks>
    public override void ScoreAll(int user, ReadOnlySpan<int> seenItems, ReadOnlySpan<float> seenValues, Span<float> scores)
    {
        ReadOnlySpan<float> u = _users.AsSpan(user * _factors, _factors);
        var n = _itemNorms.Length;
        var width = Vector<float>.Count;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // Four vectors of items at once: four independent multiply-add chains keep the FMA units busy.
            for (; i + (4 * width) <= n; i += 4 * width)
            {
                ref var column = ref _itemsByFactor[i];
                var (s0, s1, s2, s3) = _itemBias is null
                    ? (Vector<float>.Zero, Vector<float>.Zero, Vector<float>.Zero, Vector<float>.Zero)
                    : (Vector.LoadUnsafe(ref _itemBias[i]), Vector.LoadUnsafe(ref _itemBias[i], (nuint)width),
                        Vector.LoadUnsafe(ref _itemBias[i], (nuint)(2 * width)), Vector.LoadUnsafe(ref _itemBias[i], (nuint)(3 * width)));
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
            scores[i] = TensorPrimitives.Dot(u, ItemRow(i)) + (_itemBias is null ? 0 : _itemBias[i]);
        }
    }

    public override float PredictRating(int user, int item)
    {
        var score = _globalMean + TensorPrimitives.Dot(_users.AsSpan(user * _factors, _factors), ItemRow(item));
        score += _userBias is null ? 0 : _userBias[user];
        score += _itemBias is null ? 0 : _itemBias[item];
        return score;
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

    public override void Write(BinaryWriter writer)
    {
        writer.Write(_factors);
        writer.Write(_globalMean);
        writer.Write(_predictsRatings);
        BinaryIo.WriteArray<float>(writer, _users);
        BinaryIo.WriteArray<float>(writer, _items);
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

    private ReadOnlySpan<float> ItemRow(int item) => _items.AsSpan(item * _factors, _factors);
}
