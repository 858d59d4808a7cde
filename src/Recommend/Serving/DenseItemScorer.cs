using System.Numerics.Tensors;

namespace HttmOrleans.Recommend.Serving;

/// <summary>ease: a dense item × item weight matrix B; a user's scores are the sum of B's rows for the user's items.</summary>
internal sealed class DenseItemScorer : ModelScorer
{
    private readonly int _items;
    private readonly float[] _weights;

    public DenseItemScorer(int items, float[] weights)
    {
        _items = items;
        _weights = weights;
    }

    public override ScorerKind Kind => ScorerKind.DenseItemItem;

    public override void ScoreAll(int user, ReadOnlySpan<int> seenItems, ReadOnlySpan<float> seenValues, Span<float> scores)
    {
        scores.Clear();
        // EASE is fitted on the binarised matrix, so history counts as 1 whatever the rating was.
        foreach (var j in seenItems)
        {
            TensorPrimitives.Add(Row(j), scores, scores);
        }
    }

    public override void ScoreSimilar(int item, Span<float> scores)
    {
        Row(item).CopyTo(scores);
        scores[item] = float.NegativeInfinity;
    }

    public override void Write(BinaryWriter writer)
    {
        writer.Write(_items);
        BinaryIo.WriteArray<float>(writer, _weights);
    }

    public static DenseItemScorer Read(BinaryReader reader, int items)
    {
        var n = reader.ReadInt32();
        var weights = BinaryIo.ReadArray<float>(reader);
        return n == items && weights.Length == (long)items * items
            ? new DenseItemScorer(items, weights)
            : throw new InvalidDataException("Item weight matrix does not match the catalogue.");
    }

    private ReadOnlySpan<float> Row(int item) => _weights.AsSpan(item * _items, _items);
}
