using System.Runtime.CompilerServices;
using HttmOrleans.Recommend.Numerics;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// The negative draws of one DSGD cell. Whether a user has seen an item of the cell's block is read from the cell's
/// own entries: a cell holds every interaction of its users with its items, ordered by user, then item, so the
/// user's entries next to the sample's are all it has seen in the block. That is a few neighbouring ints already in
/// cache, where a binary search over the user's whole history missed the cache on most draws.
/// </summary>
internal readonly ref struct CellNegatives
{
    /// <summary>Draws before a negative is given up on.</summary>
    public const int Attempts = 16;

    private readonly ReadOnlySpan<int> _candidates;
    private readonly ReadOnlySpan<double> _cumulative;
    private readonly ReadOnlySpan<int> _users;
    private readonly ReadOnlySpan<int> _items;
    private readonly int _from;

    public CellNegatives(ReadOnlySpan<int> candidates, ReadOnlySpan<double> cumulative, ReadOnlySpan<int> users, ReadOnlySpan<int> items, int from)
    {
        _candidates = candidates;
        _cumulative = cumulative;
        _users = users;
        _items = items;
        _from = from;
    }

    /// <summary>True when the block has no item to draw.</summary>
    public bool IsEmpty => _candidates.IsEmpty;

    /// <summary>True when every candidate is equally likely (no popularity weights).</summary>
    public bool IsUniform => _cumulative.IsEmpty;

    /// <summary>The block's drawable items: a uniform draw is one of them at random.</summary>
    public ReadOnlySpan<int> Candidates => _candidates;

    /// <summary>An item of the block (seen or not): uniform, or by popularity.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Draw(ref SplitMixRandom rng) => _cumulative.IsEmpty ? _candidates[rng.Next(_candidates.Length)] : DrawByPopularity(ref rng);

    /// <summary>True when the user of entry <paramref name="entry"/> (an index into the grid's entries) has seen <paramref name="item"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Seen(int entry, int item)
    {
        var at = entry - _from;
        return _items[at] == item || SeenNearby(at, item);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int DrawByPopularity(ref SplitMixRandom rng)
    {
        var target = rng.NextDouble() * _cumulative[^1];
        var m = _cumulative.BinarySearch(target);
        m = m < 0 ? ~m : m;
        return _candidates[Math.Min(m, _candidates.Length - 1)];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool SeenNearby(int at, int item)
    {
        var user = _users[at];
        var here = _items[at];

        // The user's items in the cell are ascending: walk towards the item until it is passed.
        if (item < here)
        {
            for (var n = at - 1; n >= 0 && _users[n] == user; n--)
            {
                if (_items[n] <= item)
                {
                    return _items[n] == item;
                }
            }

            return false;
        }

        for (var n = at + 1; n < _users.Length && _users[n] == user; n++)
        {
            if (_items[n] >= item)
            {
                return _items[n] == item;
            }
        }

        return false;
    }

    /// <summary>An item of the block the user of <paramref name="entry"/> has not seen, or −1 when none was found in a few attempts.</summary>
    public int DrawUnseen(ref SplitMixRandom rng, int entry)
    {
        if (IsEmpty)
        {
            return -1;
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var item = Draw(ref rng);
            if (!Seen(entry, item))
            {
                return item;
            }
        }

        return -1;
    }
}
