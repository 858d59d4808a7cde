using HttmOrleans.Recommend.Data;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>Draws a negative item from one item block (a contiguous range of item indices) that the user has not seen.</summary>
internal sealed class NegativeSampler
{
    private const int Attempts = 16;
    private readonly int[] _blockStart;

    // Per block, cumulative popularity of its items in block order; null for uniform sampling.
    private readonly double[][]? _cumulative;

    /// <param name="data">The training interactions.</param>
    /// <param name="blockStart">Block b holds items [blockStart[b], blockStart[b + 1]).</param>
    /// <param name="byPopularity">Draw in proportion to popularity + 1 instead of uniformly.</param>
    public NegativeSampler(InteractionMatrix data, int[] blockStart, bool byPopularity)
    {
        _blockStart = blockStart;
        var blocks = blockStart.Length - 1;
        if (!byPopularity)
        {
            return;
        }

        _cumulative = new double[blocks][];
        for (var b = 0; b < blocks; b++)
        {
            var size = BlockSize(b);
            var cumulative = new double[size];
            var total = 0.0;
            for (var m = 0; m < size; m++)
            {
                // +1 so items nobody touched can still be drawn.
                total += data.ByItem.RowLength(blockStart[b] + m) + 1;
                cumulative[m] = total;
            }

            _cumulative[b] = cumulative;
        }
    }

    /// <summary>An unseen item of the block, or −1 when none was found in a few attempts.</summary>
    public int Draw(Random random, int block, ReadOnlySpan<int> seen)
    {
        var size = BlockSize(block);
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
                var cumulative = _cumulative[block];
                var target = random.NextDouble() * cumulative[^1];
                m = Array.BinarySearch(cumulative, target);
                m = m < 0 ? ~m : m;
                m = Math.Min(m, size - 1);
            }

            var item = _blockStart[block] + m;
            if (seen.BinarySearch(item) < 0)
            {
                return item;
            }
        }

        return -1;
    }

    private int BlockSize(int block) => _blockStart[block + 1] - _blockStart[block];
}
