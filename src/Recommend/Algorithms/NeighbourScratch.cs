using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>Per-thread accumulators for item-knn: dot products and co-rating counts against one item at a time.</summary>
internal sealed class NeighbourScratch
{
    private readonly float[] _dots;
    private readonly int[] _counts;
    private readonly int[] _touched;
    private readonly int[] _topItems;
    private readonly float[] _topScores;

    public NeighbourScratch(int items, int k)
    {
        _dots = new float[items];
        _counts = new int[items];
        _touched = new int[items];
        _topItems = new int[k];
        _topScores = new float[k];
    }

    public (int[] Items, float[] Similarities) Neighbours(int item, CsrMatrix byItem, CsrMatrix byUser, float[] norms, float shrinkage)
    {
        var touched = 0;
        var itemUsers = byItem.RowIndices(item);
        var itemValues = byItem.RowValues(item);
        for (var n = 0; n < itemUsers.Length; n++)
        {
            var weight = itemValues[n];
            var others = byUser.RowIndices(itemUsers[n]);
            var otherValues = byUser.RowValues(itemUsers[n]);
            for (var m = 0; m < others.Length; m++)
            {
                var j = others[m];
                if (_counts[j]++ == 0)
                {
                    _touched[touched++] = j;
                }

                _dots[j] += weight * otherValues[m];
            }
        }

        var top = new TopK(_topItems, _topScores);
        for (var t = 0; t < touched; t++)
        {
            var j = _touched[t];
            var denominator = norms[item] * norms[j];
            if (j != item && denominator > 0)
            {
                var similarity = _dots[j] / denominator * (_counts[j] / (_counts[j] + shrinkage));
                if (similarity > 0)
                {
                    top.Add(j, similarity);
                }
            }

            _dots[j] = 0;
            _counts[j] = 0;
        }

        var count = top.Count;
        var items = _topItems.AsSpan(0, count).ToArray();
        var sims = _topScores.AsSpan(0, count).ToArray();
        Array.Sort(items, sims);
        return (items, sims);
    }
}
