using System.Buffers;
using HttmOrleans.Recommend.Numerics;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// The order in which a DSGD cell visits its entries: every entry once, in a seeded random order (random
/// reshuffling). Drawing entries with replacement left about a third of them unvisited in an epoch and others
/// visited twice, and cost <c>bpr</c> 1–2 % of NDCG against a textbook BPR at 30k–60k interactions.
/// </summary>
internal readonly struct CellVisits : IDisposable
{
    private readonly int[] _order;
    private readonly int _count;

    private CellVisits(int[] order, int count)
    {
        _order = order;
        _count = count;
    }

    /// <summary>The entries, grid indexes in [from, to), in visiting order.</summary>
    public ReadOnlySpan<int> Entries => _order.AsSpan(0, _count);

    /// <summary>Entries [<paramref name="from"/>, <paramref name="to"/>) shuffled with <paramref name="rng"/>; dispose to return the buffer.</summary>
    public static CellVisits Shuffled(ref SplitMixRandom rng, int from, int to)
    {
        var count = to - from;
        var order = ArrayPool<int>.Shared.Rent(Math.Max(1, count));
        for (var n = 0; n < count; n++)
        {
            order[n] = from + n;
        }

        rng.Shuffle(order.AsSpan(0, count));
        return new CellVisits(order, count);
    }

    public void Dispose() => ArrayPool<int>.Shared.Return(_order);
}
