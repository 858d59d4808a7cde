using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Numerics;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// Draws a negative item from one item block of a <see cref="Strata"/> grid that the user has not seen. With a
/// shuffling grid the blocks are dealt afresh every epoch, so over a run a positive meets negatives from the whole
/// catalogue; call <see cref="Prepare"/> after every deal.
/// </summary>
internal sealed class NegativeSampler
{
    private const int Attempts = 16;
    private readonly Strata _strata;
    private readonly double[]? _weight;
    private readonly CsrMatrix? _skipUntouched;

    // Cumulative weight of the items of each block in BlockItems order; null for uniform sampling.
    private readonly double[]? _cumulative;

    /// <param name="data">The training interactions.</param>
    /// <param name="strata">The grid whose item blocks negatives come from.</param>
    /// <param name="popularityExponent">
    /// Null for uniform draws; otherwise items are drawn in proportion to (interactions + 1) to this power (word2vec's
    /// 0.75 keeps the head from crowding out every other negative).
    /// </param>
    /// <param name="skipUntouched">Never draw an item without training interactions (it carries no evidence).</param>
    public NegativeSampler(InteractionMatrix data, Strata strata, double? popularityExponent, bool skipUntouched = false)
    {
        _strata = strata;
        _skipUntouched = skipUntouched ? data.ByItem : null;
        if (popularityExponent is not { } exponent)
        {
            return;
        }

        _weight = new double[data.ItemCount];
        for (var i = 0; i < _weight.Length; i++)
        {
            // +1 so items nobody touched can still be drawn.
            _weight[i] = Math.Pow(data.ByItem.RowLength(i) + 1, exponent);
        }

        _cumulative = new double[data.ItemCount];
        Prepare();
    }

    /// <summary>Rebuilds the per-block draw tables after the grid dealt its items.</summary>
    public void Prepare()
    {
        if (_cumulative is null)
        {
            return;
        }

        var start = _strata.ItemBlockStart;
        var items = _strata.BlockItems;
        for (var b = 0; b < _strata.Blocks; b++)
        {
            var total = 0.0;
            for (var m = start[b]; m < start[b + 1]; m++)
            {
                total += _weight![items[m]];
                _cumulative[m] = total;
            }
        }
    }

    /// <summary>An unseen item of the block, or −1 when none was found in a few attempts.</summary>
    public int Draw(Random random, int block, ReadOnlySpan<int> seen)
    {
        var from = _strata.ItemBlockStart[block];
        var size = _strata.ItemBlockStart[block + 1] - from;
        if (size == 0)
        {
            return -1;
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            int m;
            if (_cumulative is null)
            {
                m = random.Next(size);
            }
            else
            {
                var cumulative = _cumulative.AsSpan(from, size);
                var target = random.NextDouble() * cumulative[^1];
                m = cumulative.BinarySearch(target);
                m = m < 0 ? ~m : m;
                m = Math.Min(m, size - 1);
            }

            var item = _strata.BlockItems[from + m];
            if (seen.BinarySearch(item) < 0 && (_skipUntouched is null || _skipUntouched.RowLength(item) > 0))
            {
                return item;
            }
        }

        return -1;
    }
}
