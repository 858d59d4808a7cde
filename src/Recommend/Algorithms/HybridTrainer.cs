using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HttmOrleans.Recommend.Numerics;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// The SGD of one hybrid fit. A cell of the strata grid owns its user block and its item block for the round: it
/// first rebuilds their cached representations from the features as the last round left them, then draws
/// (user, positive) entries and a negative from the positive's item block (WARP: until one violates the margin) and
/// steps on the cached representations, and last folds its entities' feature gradients into its own slot of
/// per-feature sums while they are still in cache. After each round the workers reduce the slots, feature by
/// feature in slot order, into the shared feature rows. Cells of a round share no user and no item, so identity rows
/// are updated without locks, and every sum has a fixed order, so the model depends on the seed only, not on the
/// thread count.
/// </summary>
/// <remarks>
/// Features step once per group of <see cref="FeatureStepRounds"/> rounds rather than after every round: a cell of a
/// group's first round rebuilds, a cell of its last round folds what its entities gathered over the group, and the
/// reduce runs after the group. Every entity sits in exactly one cell per round, so each is still rebuilt and folded
/// once per group; rebuilding, folding and reducing cost as much as a fifth of a fit when run every round.
/// </remarks>
internal sealed class HybridTrainer : IRoundSync
{
    /// <summary>
    /// Rounds between two steps of the shared feature rows: four steps per epoch of 16 rounds. At 1m with features,
    /// 1, 2 and 4 give the same precision (warm 0.4335–0.4343, item-cold 0.1182–0.1184) and 4 fits 25 % faster than
    /// 1; at 8 item-cold precision falls to 0.107.
    /// </summary>
    public const int FeatureStepRounds = 4;

    // LightFM's cap on the WARP weight log(rank).
    private const float MaxWarpWeight = 10f;

    private readonly Strata _strata;
    private readonly NegativeSampler _negatives;
    private readonly HybridSide _users;
    private readonly HybridSide _items;
    private readonly HybridSettings _settings;

    // WARP's weight after t trials, log(⌊(drawable items − 1) / t⌋) capped, at index t.
    private readonly float[] _warpWeights;

    public HybridTrainer(Strata strata, NegativeSampler negatives, HybridSide users, HybridSide items, HybridSettings settings)
    {
        _strata = strata;
        _negatives = negatives;
        _users = users;
        _items = items;
        _settings = settings;
        _warpWeights = new float[settings.MaxSampled + 1];
        for (var trial = 1; trial <= settings.MaxSampled; trial++)
        {
            _warpWeights[trial] = MathF.Min(MaxWarpWeight, MathF.Log(MathF.Max(1f, MathF.Floor((negatives.Drawable - 1f) / trial))));
        }
    }

    /// <summary>One reduce after a group's last round; nothing when neither side has features.</summary>
    public int PhasesAfter(int round) => _users.FeatureCount + _items.FeatureCount > 0 && EndsGroup(round) ? 1 : 0;

    // The last group of an epoch may be shorter: groups never span two deals of the items.
    private bool EndsGroup(int round) => round % FeatureStepRounds == FeatureStepRounds - 1 || round == _strata.Blocks - 1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Cell(int epoch, int cell, int from, int to)
    {
        var blocks = _strata.Blocks;
        var (userBlock, itemBlock) = (cell / blocks, cell % blocks);
        var (firstUser, endUser) = (_strata.UserBlockStart[userBlock], _strata.UserBlockStart[userBlock + 1]);
        var blockItems = _strata.BlockItems.AsSpan(_strata.ItemBlockStart[itemBlock], _strata.ItemBlockStart[itemBlock + 1] - _strata.ItemBlockStart[itemBlock]);
        var round = _strata.RoundOf(cell);

        // Every feature step reaches every entity once, so even a cell without entries rebuilds its own, and folds
        // what its entities gathered in the group's earlier rounds.
        if (round % FeatureStepRounds == 0)
        {
            Rebuild(firstUser, endUser, blockItems);
        }

        if (to > from)
        {
            var draws = _negatives.ForCell(cell, from, to);
            if (!draws.IsEmpty)
            {
                Sample(epoch, cell, from, to, in draws);
            }
        }

        if (EndsGroup(round))
        {
            Fold(firstUser, endUser, blockItems, userBlock);
        }
    }

    /// <summary>Reduces a share of the features (by index: user features, then item features) from the cells' slots.</summary>
    public void Run(int phase, int worker, int threads)
    {
        var (lr, eps) = (_settings.LearningRate, _settings.Epsilon);
        var userFeatures = _users.FeatureCount;
        var total = userFeatures + _items.FeatureCount;
        var first = (int)((long)worker * total / threads);
        var end = (int)((long)(worker + 1) * total / threads);
        _users.ReduceFeatures(first, Math.Min(end, userFeatures), lr, eps, biases: false);
        _items.ReduceFeatures(Math.Max(first, userFeatures) - userFeatures, end - userFeatures, lr, eps, biases: true);
    }

    private void Rebuild(int firstUser, int endUser, ReadOnlySpan<int> blockItems)
    {
        if (_users.FeatureCount > 0)
        {
            for (var u = firstUser; u < endUser; u++)
            {
                _users.Rebuild(u);
            }
        }

        if (_items.FeatureCount > 0)
        {
            foreach (var i in blockItems)
            {
                _items.Rebuild(i);
            }
        }
    }

    private void Fold(int firstUser, int endUser, ReadOnlySpan<int> blockItems, int slot)
    {
        if (_users.FeatureCount > 0)
        {
            for (var u = firstUser; u < endUser; u++)
            {
                _users.FoldInto(u, slot);
            }
        }

        if (_items.FeatureCount > 0)
        {
            foreach (var i in blockItems)
            {
                _items.FoldInto(i, slot);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Sample(int epoch, int cell, int from, int to, in CellNegatives draws)
    {
        var k = _settings.Components;
        var rng = new SplitMixRandom(Seeds.Derive(_settings.Seed, epoch, cell));
        Span<float> scratch = stackalloc float[2 * k];
        var userCopy = scratch[..k];
        var difference = scratch[k..];
        var (lr, eps) = (_settings.LearningRate, _settings.Epsilon);
        var biasSlot = _items.Scalars + HybridSide.RepBiasSlot;
        var registers = RegisterVectors(k);
        var fused = _users.Unpenalised && _items.Unpenalised;
        var (userGradients, itemGradients) = (_users.FeatureCount > 0, _items.FeatureCount > 0);
        using var visits = CellVisits.Shuffled(ref rng, from, to);
        var entries = visits.Entries;
        var users = _strata.Users;
        var items = _strata.Items;

        // The cell's entries were last written when the epoch regrouped them: fetch them in order, not at random.
        Kernels.Prefetch(ref users[from], to - from);
        Kernels.Prefetch(ref items[from], to - from);
        for (var t = 0; t < entries.Length; t++)
        {
            var n = entries[t];
            var u = users[n];
            var i = items[n];
            var userRecord = _users.Record(u);
            var itemRecord = _items.Record(i);

            // Memory latency is most of a sample's time: fetch the next sample's rows, and this one's gradient rows
            // that the update writes after the draws (only a side with features has them).
            if (t + 1 < entries.Length)
            {
                var next = entries[t + 1];
                Kernels.Prefetch(ref _users.Record(users[next])[0], k);
                Kernels.Prefetch(ref _items.Record(items[next])[0], k);
            }

            if (userGradients)
            {
                Kernels.Prefetch(ref userRecord[_users.GradientOffset], k);
            }

            if (itemGradients)
            {
                Kernels.Prefetch(ref itemRecord[_items.GradientOffset], k);
            }

            var ru = userRecord[..k];
            var ri = itemRecord[..k];
            var positive = VectorKernels.Dot(ru, ri) + itemRecord[biasSlot];
            var (j, c) = _settings.Warp ? Warp(ref rng, in draws, n, ru, registers, positive) : Bpr(ref rng, in draws, n, ru, positive);
            if (j < 0)
            {
                continue;
            }

            // c = ∂loss/∂score(i) = −∂loss/∂score(j): user gets c·(ri − rj), the positive c·ru, the negative −c·ru.
            var negativeRecord = _items.Record(j);
            if (fused)
            {
                ref var user = ref MemoryMarshal.GetReference(userRecord);
                ref var item = ref MemoryMarshal.GetReference(itemRecord);
                ref var negative = ref MemoryMarshal.GetReference(negativeRecord);
                var (differenceSquared, userSquared) = Norms(ref user, ref item, ref negative, k);
                var (ur, ug) = _users.Step(ref Unsafe.Add(ref user, _users.Scalars), c, differenceSquared, 0, lr, eps, biases: false);
                var (ir, ig) = _items.Step(ref Unsafe.Add(ref item, _items.Scalars), c, userSquared, c, lr, eps, biases: true);
                var (jr, jg) = _items.Step(ref Unsafe.Add(ref negative, _items.Scalars), -c, userSquared, -c, lr, eps, biases: true);
                FusedStep(ref user, ref item, ref negative, k, new(ur, ir, jr), new(ug, ig, jg), _users.GradientOffset, _items.GradientOffset);
                continue;
            }

            ru.CopyTo(userCopy);
            var squared = VectorKernels.SubtractSquared(ri, negativeRecord[..k], difference);
            var norm = VectorKernels.Dot(userCopy, userCopy);
            _users.Apply(u, userRecord, c, difference, squared, 0, lr, eps, biases: false);
            _items.Apply(i, itemRecord, c, userCopy, norm, c, lr, eps, biases: true);
            _items.Apply(j, negativeRecord, -c, userCopy, norm, -c, lr, eps, biases: true);
        }
    }

    /// <summary>
    /// WARP (Weston et al. 2011): draw until a negative scores within the margin of the positive; the fewer draws it
    /// took, the higher the positive's estimated rank and the larger the step, weighted log(rank) as in LightFM.
    /// Whether the user has seen a draw is only asked of one that violates the margin; a seen violator is drawn again
    /// without counting as a trial.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int Item, float Gradient) Warp(ref SplitMixRandom rng, in CellNegatives draws, int entry, ReadOnlySpan<float> ru, int vectors, float positive)
    {
        var margin = positive - 1f;
        var trial = 1;
        for (var redraws = 0; redraws < CellNegatives.Attempts; redraws++)
        {
            var j = vectors > 0 && draws.IsUniform
                ? FirstViolator(ref rng, draws.Candidates, ref MemoryMarshal.GetReference(ru), vectors, margin, ref trial)
                : FirstViolatorAnyWay(ref rng, in draws, ru, margin, ref trial);
            if (j < 0)
            {
                return (-1, 0);
            }

            if (!draws.Seen(entry, j))
            {
                var weight = _warpWeights[trial];
                return weight > 0 ? (j, -weight) : (-1, 0);
            }
        }

        return (-1, 0);
    }

    /// <summary>
    /// The draws of <see cref="Warp"/> from trial <paramref name="trial"/> on, until one scores above
    /// <paramref name="margin"/> (returned, with <paramref name="trial"/> its trial) or the trials run out (−1). Uniform
    /// draws and a row of <paramref name="vectors"/> SIMD vectors (1, 2, 4 or 8; the branches on it go the same way
    /// for a fit): the user's vector is loaded into registers once, and nothing in the loop calls out, so they stay
    /// there and a draw loads only the negative's row (the draws are most of a fit's work).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private int FirstViolator(ref SplitMixRandom rng, ReadOnlySpan<int> candidates, ref float user, int vectors, float margin, ref int trial)
    {
        var width = Vector<float>.Count;
        var u0 = Vector.LoadUnsafe(ref user);
        Vector<float> u1 = default, u2 = default, u3 = default, u4 = default, u5 = default, u6 = default, u7 = default;
        if (vectors > 1)
        {
            u1 = Vector.LoadUnsafe(ref user, (nuint)width);
        }

        if (vectors > 2)
        {
            u2 = Vector.LoadUnsafe(ref user, (nuint)(2 * width));
            u3 = Vector.LoadUnsafe(ref user, (nuint)(3 * width));
        }

        if (vectors > 4)
        {
            u4 = Vector.LoadUnsafe(ref user, (nuint)(4 * width));
            u5 = Vector.LoadUnsafe(ref user, (nuint)(5 * width));
            u6 = Vector.LoadUnsafe(ref user, (nuint)(6 * width));
            u7 = Vector.LoadUnsafe(ref user, (nuint)(7 * width));
        }

        ref var origin = ref _items.Origin;
        var stride = (nint)_items.Stride;
        var biasSlot = (nint)(_items.Scalars + HybridSide.RepBiasSlot);
        var count = candidates.Length;
        ref var first = ref MemoryMarshal.GetReference(candidates);
        var last = _settings.MaxSampled;

        // The generator in a local, so its state stays in a register too.
        var local = rng;
        for (var t = trial; t <= last; t++)
        {
            var j = Unsafe.Add(ref first, local.Next(count));
            ref var row = ref Unsafe.Add(ref origin, j * stride);
            var even = u0 * Vector.LoadUnsafe(ref row);
            var odd = Vector<float>.Zero;
            if (vectors > 1)
            {
                odd = u1 * Vector.LoadUnsafe(ref row, (nuint)width);
            }

            if (vectors > 2)
            {
                even = VectorKernels.Fma(u2, Vector.LoadUnsafe(ref row, (nuint)(2 * width)), even);
                odd = VectorKernels.Fma(u3, Vector.LoadUnsafe(ref row, (nuint)(3 * width)), odd);
            }

            if (vectors > 4)
            {
                even = VectorKernels.Fma(u4, Vector.LoadUnsafe(ref row, (nuint)(4 * width)), even);
                odd = VectorKernels.Fma(u5, Vector.LoadUnsafe(ref row, (nuint)(5 * width)), odd);
                even = VectorKernels.Fma(u6, Vector.LoadUnsafe(ref row, (nuint)(6 * width)), even);
                odd = VectorKernels.Fma(u7, Vector.LoadUnsafe(ref row, (nuint)(7 * width)), odd);
            }

            if (VectorKernels.Sum(even + odd) + Unsafe.Add(ref row, biasSlot) > margin)
            {
                rng = local;
                trial = t;
                return j;
            }
        }

        rng = local;
        return -1;
    }

    // FirstViolator for popularity draws or a k the registers do not fit.
    private int FirstViolatorAnyWay(ref SplitMixRandom rng, in CellNegatives draws, ReadOnlySpan<float> ru, float margin, ref int trial)
    {
        for (var t = trial; t <= _settings.MaxSampled; t++)
        {
            var j = draws.Draw(ref rng);
            var row = _items.Record(j);
            if (VectorKernels.Dot(ru, row[..ru.Length]) + row[_items.Scalars + HybridSide.RepBiasSlot] > margin)
            {
                trial = t;
                return j;
            }
        }

        return -1;
    }

    private (int Item, float Gradient) Bpr(ref SplitMixRandom rng, in CellNegatives draws, int entry, ReadOnlySpan<float> ru, float positive)
    {
        var j = draws.DrawUnseen(ref rng, entry);
        if (j < 0)
        {
            return (-1, 0);
        }

        var record = _items.Record(j);
        var x = positive - VectorKernels.Dot(ru, record[..ru.Length]) - record[_items.Scalars + HybridSide.RepBiasSlot];
        return (j, -1f / (1f + MathF.Exp(x)));
    }

    // |ri − rj|² and |ru|² of one update, in one pass over the three rows.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (float DifferenceSquared, float UserSquared) Norms(ref float user, ref float item, ref float negative, int k)
    {
        var width = Vector<float>.Count;
        var c = 0;
        float dd = 0, uu = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> d0 = default, u0 = default;
            for (; c <= k - width; c += width)
            {
                var d = Vector.LoadUnsafe(ref item, (nuint)c) - Vector.LoadUnsafe(ref negative, (nuint)c);
                var x = Vector.LoadUnsafe(ref user, (nuint)c);
                d0 = VectorKernels.Fma(d, d, d0);
                u0 = VectorKernels.Fma(x, x, u0);
            }

            (dd, uu) = (Vector.Sum(d0), Vector.Sum(u0));
        }

        for (; c < k; c++)
        {
            var d = Unsafe.Add(ref item, c) - Unsafe.Add(ref negative, c);
            var x = Unsafe.Add(ref user, c);
            dd += d * d;
            uu += x * x;
        }

        return (dd, uu);
    }

    /// <summary>
    /// The rows of one update in one pass, from the old values: user += ur·(i − j), item += ir·u, negative += jr·u,
    /// and the same with the gradient scales into each record's round gradient (skipped when all three are zero:
    /// no features on either side).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FusedStep(ref float user, ref float item, ref float negative, int k, Vector3 rep, Vector3 grad, int userGradient, int itemGradient)
    {
        ref var gu = ref Unsafe.Add(ref user, userGradient);
        ref var gi = ref Unsafe.Add(ref item, itemGradient);
        ref var gj = ref Unsafe.Add(ref negative, itemGradient);
        var gradients = grad != Vector3.Zero;
        var width = Vector<float>.Count;
        var c = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (ur, ir, jr) = (new Vector<float>(rep.X), new Vector<float>(rep.Y), new Vector<float>(rep.Z));
            var (ug, ig, jg) = (new Vector<float>(grad.X), new Vector<float>(grad.Y), new Vector<float>(grad.Z));
            for (; c <= k - width; c += width)
            {
                var at = (nuint)c;
                var u = Vector.LoadUnsafe(ref user, at);
                var i = Vector.LoadUnsafe(ref item, at);
                var j = Vector.LoadUnsafe(ref negative, at);
                var d = i - j;
                Vector.StoreUnsafe(VectorKernels.Fma(ur, d, u), ref user, at);
                Vector.StoreUnsafe(VectorKernels.Fma(ir, u, i), ref item, at);
                Vector.StoreUnsafe(VectorKernels.Fma(jr, u, j), ref negative, at);
                if (gradients)
                {
                    Vector.StoreUnsafe(VectorKernels.Fma(ug, d, Vector.LoadUnsafe(ref gu, at)), ref gu, at);
                    Vector.StoreUnsafe(VectorKernels.Fma(ig, u, Vector.LoadUnsafe(ref gi, at)), ref gi, at);
                    Vector.StoreUnsafe(VectorKernels.Fma(jg, u, Vector.LoadUnsafe(ref gj, at)), ref gj, at);
                }
            }
        }

        for (; c < k; c++)
        {
            var u = Unsafe.Add(ref user, c);
            var i = Unsafe.Add(ref item, c);
            var j = Unsafe.Add(ref negative, c);
            Unsafe.Add(ref user, c) = u + (rep.X * (i - j));
            Unsafe.Add(ref item, c) = i + (rep.Y * u);
            Unsafe.Add(ref negative, c) = j + (rep.Z * u);
            Unsafe.Add(ref gu, c) += grad.X * (i - j);
            Unsafe.Add(ref gi, c) += grad.Y * u;
            Unsafe.Add(ref gj, c) += grad.Z * u;
        }
    }

    // Vectors of a row the registers can hold (1, 2, 4 or 8 of them), or 0 when k is another size.
    private static int RegisterVectors(int k)
    {
        if (!Vector.IsHardwareAccelerated || k % Vector<float>.Count != 0)
        {
            return 0;
        }

        var vectors = k / Vector<float>.Count;
        return vectors is 1 or 2 or 4 or 8 ? vectors : 0;
    }
}
