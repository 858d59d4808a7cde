using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Numerics;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// Negatives for the samplers on a <see cref="Strata"/> grid (<c>bpr</c>, and <c>hybrid</c>'s WARP and BPR losses):
/// an item of the positive's block that the user has not seen. With a shuffling grid the blocks are dealt afresh
/// every epoch, so over a run a positive meets negatives from the whole catalogue; call <see cref="Prepare"/> after
/// every deal. A cell asks <see cref="ForCell"/> for its draws.
/// </summary>
internal sealed class NegativeSampler
{
    private readonly Strata _strata;
    private readonly double[]? _weight;
    private readonly bool[]? _usable;

    // The drawable items of each block, grouped by block in BlockItems order, and (popularity sampling) their
    // cumulative weights within the block.
    private readonly int[] _candidates;
    private readonly int[] _candidateStart;
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
        _candidates = new int[data.ItemCount];
        _candidateStart = new int[strata.Blocks + 1];
        if (skipUntouched)
        {
            _usable = new bool[data.ItemCount];
            for (var i = 0; i < _usable.Length; i++)
            {
                _usable[i] = data.ByItem.RowLength(i) > 0;
            }
        }

        if (popularityExponent is { } exponent)
        {
            _weight = new double[data.ItemCount];
            for (var i = 0; i < _weight.Length; i++)
            {
                // +1 so items nobody touched can still be drawn.
                _weight[i] = Math.Pow(data.ByItem.RowLength(i) + 1, exponent);
            }

            _cumulative = new double[data.ItemCount];
        }

        Prepare();
    }

    /// <summary>How many items can be drawn at all (every item, or those with training interactions).</summary>
    public int Drawable => _candidateStart[_strata.Blocks];

    /// <summary>Rebuilds the per-block draw tables after the grid dealt its items.</summary>
    public void Prepare()
    {
        var start = _strata.ItemBlockStart;
        var items = _strata.BlockItems;
        var count = 0;
        for (var b = 0; b < _strata.Blocks; b++)
        {
            _candidateStart[b] = count;
            var total = 0.0;
            for (var m = start[b]; m < start[b + 1]; m++)
            {
                var item = items[m];
                if (_usable is not null && !_usable[item])
                {
                    continue;
                }

                _candidates[count] = item;
                if (_cumulative is not null)
                {
                    total += _weight![item];
                    _cumulative[count] = total;
                }

                count++;
            }
        }

        _candidateStart[_strata.Blocks] = count;
    }

    /// <summary>The draws of cell <paramref name="cell"/>, whose entries are [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public CellNegatives ForCell(int cell, int from, int to)
    {
        var block = cell % _strata.Blocks;
        var first = _candidateStart[block];
        var length = _candidateStart[block + 1] - first;
        return new CellNegatives(
            _candidates.AsSpan(first, length),
            _cumulative is null ? default : _cumulative.AsSpan(first, length),
            _strata.Users.AsSpan(from, to - from),
            _strata.Items.AsSpan(from, to - from),
            from);
    }
}
