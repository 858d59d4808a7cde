using HttmOrleans.Recommend.Data;

namespace HttmOrleans.Recommend.Serving;

/// <summary>item-knn: each item keeps its k most similar items; a user's score for i sums sim(j, i) over the user's items j.</summary>
internal sealed class ItemNeighbourScorer : ModelScorer
{
    private readonly CsrMatrix _neighbours;

    public ItemNeighbourScorer(CsrMatrix neighbours) => _neighbours = neighbours;

    public override ScorerKind Kind => ScorerKind.ItemNeighbours;

    public override void ScoreAll(int user, ReadOnlySpan<int> seenItems, ReadOnlySpan<float> seenValues, Span<float> scores)
    {
        scores.Clear();
        foreach (var j in seenItems)
        {
            var items = _neighbours.RowIndices(j);
            var sims = _neighbours.RowValues(j);
            for (var n = 0; n < items.Length; n++)
            {
                scores[items[n]] += sims[n];
            }
        }
    }

    public override void ScoreSimilar(int item, Span<float> scores)
    {
        scores.Fill(float.NegativeInfinity);
        var items = _neighbours.RowIndices(item);
        var sims = _neighbours.RowValues(item);
        for (var n = 0; n < items.Length; n++)
        {
            scores[items[n]] = sims[n];
        }
    }

    public override void Write(BinaryWriter writer)
    {
        BinaryIo.WriteArray<int>(writer, _neighbours.RowPointers);
        BinaryIo.WriteArray<int>(writer, _neighbours.ColumnIndices);
        BinaryIo.WriteArray<float>(writer, _neighbours.Values);
    }

    public static ItemNeighbourScorer Read(BinaryReader reader, int items)
    {
        var pointers = BinaryIo.ReadArray<int>(reader, items + 1);
        var columns = BinaryIo.ReadArray<int>(reader);
        var values = BinaryIo.ReadArray<float>(reader);
        if (pointers.Length != items + 1 || columns.Length != values.Length || pointers[^1] != columns.Length)
        {
            throw new InvalidDataException("Neighbour lists do not match the catalogue.");
        }

        return new ItemNeighbourScorer(new CsrMatrix(items, items, pointers, columns, values));
    }
}
