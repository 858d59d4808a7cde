using System.Numerics.Tensors;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Numerics;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// The SGD of one hybrid fit: a cell of the strata grid draws (user, positive) entries and a negative from the
/// positive's item block (WARP: until one violates the margin), and steps on the cached representations; after
/// each round every worker folds a share of the shared feature gradients in, then rebuilds a share of the cache.
/// Cells of a round share no user and no item, so identity rows are updated without locks, and the round sync
/// splits by index ranges, so the model depends on the seed only, not on the thread count.
/// </summary>
internal sealed class HybridTrainer : IRoundSync
{
    // LightFM's cap on the WARP weight log(rank).
    private const float MaxWarpWeight = 10f;

    // Draws before a negative is given up on (as NegativeSampler's).
    private const int Attempts = 16;

    private readonly InteractionMatrix _data;
    private readonly Strata _strata;
    private readonly HybridSide _users;
    private readonly HybridSide _items;
    private readonly HybridSettings _settings;
    private readonly bool[] _touched;

    // WARP's weight after t trials, log(⌊(candidates − 1) / t⌋) capped, at index t.
    private readonly float[] _warpWeights;

    // Entities folded by the features before index f (user features first, then item features), at index f.
    private readonly long[] _foldCost;

    public HybridTrainer(InteractionMatrix data, Strata strata, HybridSide users, HybridSide items, HybridSettings settings)
    {
        _data = data;
        _strata = strata;
        _users = users;
        _items = items;
        _settings = settings;
        _touched = new bool[data.ItemCount];
        var candidates = 0;
        for (var i = 0; i < data.ItemCount; i++)
        {
            _touched[i] = data.ByItem.RowLength(i) > 0;
            candidates += _touched[i] ? 1 : 0;
        }

        _foldCost = new long[users.FeatureCount + items.FeatureCount + 1];
        for (var f = 0; f < users.FeatureCount + items.FeatureCount; f++)
        {
            var length = f < users.FeatureCount ? users.ByFeature.RowLength(f) : items.ByFeature.RowLength(f - users.FeatureCount);
            _foldCost[f + 1] = _foldCost[f] + length + 1;
        }

        _warpWeights = new float[settings.MaxSampled + 1];
        for (var trial = 1; trial <= settings.MaxSampled; trial++)
        {
            _warpWeights[trial] = MathF.Min(MaxWarpWeight, MathF.Log(MathF.Max(1f, MathF.Floor((candidates - 1f) / trial))));
        }
    }

    /// <summary>Nothing to fold when neither side has features.</summary>
    public int Phases => _users.FeatureCount + _items.FeatureCount > 0 ? 2 : 0;

    public void Cell(int epoch, int cell, int from, int to)
    {
        if (to == from)
        {
            return;
        }

        var k = _settings.Components;
        var rng = new SplitMixRandom(Seeds.Derive(_settings.Seed, epoch, cell));
        var itemBlock = cell % _strata.Blocks;
        var blockFrom = _strata.ItemBlockStart[itemBlock];
        var blockSize = _strata.ItemBlockStart[itemBlock + 1] - blockFrom;
        if (blockSize == 0)
        {
            return;
        }

        var block = _strata.BlockItems.AsSpan(blockFrom, blockSize);
        Span<float> scratch = stackalloc float[2 * k];
        var userCopy = scratch[..k];
        var difference = scratch[k..];
        var (lr, eps) = (_settings.LearningRate, _settings.Epsilon);
        for (var s = from; s < to; s++)
        {
            var n = rng.Next(from, to);
            var u = _strata.Users[n];
            var i = _strata.Items[n];
            var seen = _data.ByUser.RowIndices(u);
            var ru = _users.RepRow(u);
            var ri = _items.RepRow(i);
            var positive = VectorKernels.Dot(ru, ri) + _items.RepBias[i];
            var (j, c) = _settings.Warp ? Warp(ref rng, block, seen, ru, positive) : Bpr(ref rng, block, seen, ru, positive);
            if (j < 0)
            {
                continue;
            }

            // c = ∂loss/∂score(i) = −∂loss/∂score(j): user gets c·(ri − rj), the positive c·ru, the negative −c·ru.
            ru.CopyTo(userCopy);
            TensorPrimitives.Subtract(ri, _items.RepRow(j), difference);
            var userSquared = VectorKernels.Dot(userCopy, userCopy);
            _users.Apply(u, c, difference, VectorKernels.Dot(difference, difference), 0, lr, eps, biases: false);
            _items.Apply(i, c, userCopy, userSquared, c, lr, eps, biases: true);
            _items.Apply(j, -c, userCopy, userSquared, -c, lr, eps, biases: true);
        }
    }

    public void Run(int phase, int worker, int threads)
    {
        var (lr, eps) = (_settings.LearningRate, _settings.Epsilon);
        if (phase == 0)
        {
            // Split by the entities each feature folds, not by feature count: user and item features differ in size.
            var cost = _foldCost;
            var total = cost[^1];
            var first = LowerBound(cost, total * worker / threads);
            var end = LowerBound(cost, total * (worker + 1) / threads);
            var userFeatures = _users.FeatureCount;
            _users.FoldFeatures(first, Math.Min(end, userFeatures), lr, eps, biases: false);
            _items.FoldFeatures(Math.Max(first, userFeatures) - userFeatures, end - userFeatures, lr, eps, biases: true);
        }
        else
        {
            var total = _users.Count + _items.Count;
            for (var e = (int)((long)worker * total / threads); e < (int)((long)(worker + 1) * total / threads); e++)
            {
                if (e < _users.Count)
                {
                    _users.Rebuild(e);
                }
                else
                {
                    _items.Rebuild(e - _users.Count);
                }
            }
        }
    }

    // WARP (Weston et al. 2011): draw until a negative scores within the margin of the positive; the fewer draws it
    // took, the higher the positive's estimated rank and the larger the step, weighted log(rank) as in LightFM.
    // Whether the user has seen a draw is only asked of one that violates the margin (a binary search per draw was
    // most of the loop's cost); a seen violator is drawn again without counting as a trial, as before.
    private (int Item, float Gradient) Warp(ref SplitMixRandom rng, ReadOnlySpan<int> block, ReadOnlySpan<int> seen, ReadOnlySpan<float> ru, float positive)
    {
        var redraws = 0;
        for (var trial = 1; trial <= _settings.MaxSampled; trial++)
        {
            var j = DrawTouched(ref rng, block);
            if (j < 0)
            {
                return (-1, 0);
            }

            var negative = VectorKernels.Dot(ru, _items.RepRow(j)) + _items.RepBias[j];
            if (negative > positive - 1f)
            {
                if (seen.BinarySearch(j) >= 0)
                {
                    trial--;
                    if (++redraws >= Attempts)
                    {
                        return (-1, 0);
                    }

                    continue;
                }

                var weight = _warpWeights[trial];
                return weight > 0 ? (j, -weight) : (-1, 0);
            }
        }

        return (-1, 0);
    }

    private (int Item, float Gradient) Bpr(ref SplitMixRandom rng, ReadOnlySpan<int> block, ReadOnlySpan<int> seen, ReadOnlySpan<float> ru, float positive)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var j = DrawTouched(ref rng, block);
            if (j < 0)
            {
                return (-1, 0);
            }

            if (seen.BinarySearch(j) < 0)
            {
                var x = positive - VectorKernels.Dot(ru, _items.RepRow(j)) - _items.RepBias[j];
                return (j, -1f / (1f + MathF.Exp(x)));
            }
        }

        return (-1, 0);
    }

    // The first index whose cumulative cost reaches target.
    private static int LowerBound(long[] cost, long target)
    {
        var at = Array.BinarySearch(cost, target);
        if (at < 0)
        {
            return ~at;
        }

        while (at > 0 && cost[at - 1] == target)
        {
            at--;
        }

        return at;
    }

    // An item of the block that had training interactions (the others carry no evidence), or −1 after a few tries.
    private int DrawTouched(ref SplitMixRandom rng, ReadOnlySpan<int> block)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var item = block[rng.Next(block.Length)];
            if (_touched[item])
            {
                return item;
            }
        }

        return -1;
    }
}
