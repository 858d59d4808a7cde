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

    private readonly InteractionMatrix _data;
    private readonly Strata _strata;
    private readonly NegativeSampler _negatives;
    private readonly HybridSide _users;
    private readonly HybridSide _items;
    private readonly HybridSettings _settings;
    private readonly int _candidates;

    public HybridTrainer(InteractionMatrix data, Strata strata, NegativeSampler negatives, HybridSide users, HybridSide items, HybridSettings settings)
    {
        _data = data;
        _strata = strata;
        _negatives = negatives;
        _users = users;
        _items = items;
        _settings = settings;
        for (var i = 0; i < data.ItemCount; i++)
        {
            _candidates += data.ByItem.RowLength(i) > 0 ? 1 : 0;
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
        var rng = new Random(Seeds.Derive(_settings.Seed, epoch, cell));
        var itemBlock = cell % _strata.Blocks;
        Span<float> scratch = stackalloc float[2 * k];
        var userCopy = scratch[..k];
        var difference = scratch[k..];
        for (var s = from; s < to; s++)
        {
            var n = rng.Next(from, to);
            var u = _strata.Users[n];
            var i = _strata.Items[n];
            var seen = _data.ByUser.RowIndices(u);
            var ru = _users.RepRow(u);
            var positive = TensorPrimitives.Dot<float>(ru, _items.RepRow(i)) + _items.RepBias[i];
            var (j, c) = _settings.Warp ? Warp(rng, itemBlock, seen, ru, positive) : Bpr(rng, itemBlock, seen, ru, positive);
            if (j < 0)
            {
                continue;
            }

            // c = ∂loss/∂score(i) = −∂loss/∂score(j): user gets c·(ri − rj), the positive c·ru, the negative −c·ru.
            ru.CopyTo(userCopy);
            TensorPrimitives.Subtract(_items.RepRow(i), _items.RepRow(j), difference);
            var (lr, eps) = (_settings.LearningRate, _settings.Epsilon);
            _users.Apply(u, c, difference, 0, lr, eps, biases: false);
            _items.Apply(i, c, userCopy, c, lr, eps, biases: true);
            _items.Apply(j, -c, userCopy, -c, lr, eps, biases: true);
        }
    }

    public void Run(int phase, int worker, int threads)
    {
        Span<float> scratch = stackalloc float[_settings.Components];
        var (lr, eps) = (_settings.LearningRate, _settings.Epsilon);
        if (phase == 0)
        {
            var total = _users.FeatureCount + _items.FeatureCount;
            for (var f = worker * total / threads; f < (worker + 1) * total / threads; f++)
            {
                if (f < _users.FeatureCount)
                {
                    _users.UpdateFeature(f, lr, eps, biases: false, scratch);
                }
                else
                {
                    _items.UpdateFeature(f - _users.FeatureCount, lr, eps, biases: true, scratch);
                }
            }
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
    private (int Item, float Gradient) Warp(Random rng, int itemBlock, ReadOnlySpan<int> seen, ReadOnlySpan<float> ru, float positive)
    {
        for (var trial = 1; trial <= _settings.MaxSampled; trial++)
        {
            var j = _negatives.Draw(rng, itemBlock, seen);
            if (j < 0)
            {
                return (-1, 0);
            }

            var negative = TensorPrimitives.Dot(ru, _items.RepRow(j)) + _items.RepBias[j];
            if (negative > positive - 1f)
            {
                var weight = MathF.Min(MaxWarpWeight, MathF.Log(MathF.Max(1f, MathF.Floor((_candidates - 1f) / trial))));
                return weight > 0 ? (j, -weight) : (-1, 0);
            }
        }

        return (-1, 0);
    }

    private (int Item, float Gradient) Bpr(Random rng, int itemBlock, ReadOnlySpan<int> seen, ReadOnlySpan<float> ru, float positive)
    {
        var j = _negatives.Draw(rng, itemBlock, seen);
        if (j < 0)
        {
            return (-1, 0);
        }

        var x = positive - TensorPrimitives.Dot(ru, _items.RepRow(j)) - _items.RepBias[j];
        return (j, -1f / (1f + MathF.Exp(x)));
    }
}
