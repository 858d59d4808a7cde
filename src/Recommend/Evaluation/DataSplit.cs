using HttmOrleans.Recommend.Data;

namespace HttmOrleans.Recommend.Evaluation;

/// <summary>Deterministic train/test splits.</summary>
public static class DataSplit
{
    /// <summary>Each interaction goes to the test part with probability <paramref name="testFraction"/>, from a seeded generator.</summary>
    public static TrainTestSplit RandomHoldout(InteractionLog log, double testFraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(testFraction, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(testFraction, 1.0);
        var random = new Random(seed);
        var train = new List<int>(log.Count);
        var test = new List<int>((int)(log.Count * testFraction) + 16);
        for (var n = 0; n < log.Count; n++)
        {
            (random.NextDouble() < testFraction ? test : train).Add(n);
        }

        return new TrainTestSplit(log.Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(train)), log.Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(test)));
    }

    /// <summary>
    /// Per user, the <paramref name="perUser"/> latest interactions by timestamp go to the test part (ties: later in
    /// the log counts as later). Users with no more than <paramref name="perUser"/> interactions stay in training.
    /// </summary>
    /// <exception cref="ArgumentException">The log has no timestamps.</exception>
    public static TrainTestSplit LeaveLatestOut(InteractionLog log, int perUser = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perUser, 1);
        var timestamps = log.Timestamps ?? throw new ArgumentException("Leave-latest-out needs timestamps; this log has none.", nameof(log));

        // Positions grouped by user (counting sort keeps log order inside a user).
        var users = log.UserIds.Count;
        var start = new int[users + 1];
        foreach (var u in log.Users)
        {
            start[u + 1]++;
        }

        for (var u = 0; u < users; u++)
        {
            start[u + 1] += start[u];
        }

        var cursor = (int[])start.Clone();
        var positions = new int[log.Count];
        for (var n = 0; n < log.Count; n++)
        {
            positions[cursor[log.Users[n]]++] = n;
        }

        var isTest = new bool[log.Count];
        var keys = Array.Empty<(long Time, int Position)>();
        for (var u = 0; u < users; u++)
        {
            var length = start[u + 1] - start[u];
            if (length <= perUser)
            {
                continue;
            }

            if (keys.Length < length)
            {
                keys = new (long, int)[length];
            }

            for (var n = 0; n < length; n++)
            {
                var p = positions[start[u] + n];
                keys[n] = (timestamps[p], p);
            }

            Array.Sort(keys, 0, length);
            for (var n = length - perUser; n < length; n++)
            {
                isTest[keys[n].Position] = true;
            }
        }

        var train = new List<int>(log.Count);
        var test = new List<int>();
        for (var n = 0; n < log.Count; n++)
        {
            (isTest[n] ? test : train).Add(n);
        }

        return new TrainTestSplit(log.Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(train)), log.Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(test)));
    }

    /// <summary>
    /// Item cold start: a seeded <paramref name="fraction"/> of the items that have interactions lose all of them
    /// to the test part; every other interaction trains. <see cref="TrainTestSplit.ColdItems"/> lists those items.
    /// </summary>
    public static TrainTestSplit ItemColdStart(InteractionLog log, double fraction, int seed)
    {
        var cold = ColdSet(log.ItemIds.Count, log.Items, fraction, seed);
        var split = SplitBy(log, log.Items, cold);
        return split with { ColdItems = [.. Members(cold).Select(i => log.ItemIds[i])] };
    }

    /// <summary>
    /// User cold start: a seeded <paramref name="fraction"/> of the users that have interactions lose all of them
    /// to the test part. <see cref="TrainTestSplit.ColdUsers"/> lists those users.
    /// </summary>
    public static TrainTestSplit UserColdStart(InteractionLog log, double fraction, int seed)
    {
        var cold = ColdSet(log.UserIds.Count, log.Users, fraction, seed);
        var split = SplitBy(log, log.Users, cold);
        return split with { ColdUsers = [.. Members(cold).Select(u => log.UserIds[u])] };
    }

    private static IEnumerable<int> Members(bool[] set)
    {
        for (var n = 0; n < set.Length; n++)
        {
            if (set[n])
            {
                yield return n;
            }
        }
    }

    // Exactly round(fraction × active) of the entities that occur in the log, chosen by a seeded shuffle.
    private static bool[] ColdSet(int count, int[] occurrences, double fraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1.0);
        var active = new bool[count];
        foreach (var e in occurrences)
        {
            active[e] = true;
        }

        var candidates = Members(active).ToArray();
        new Random(seed).Shuffle(candidates);
        var cold = new bool[count];
        foreach (var e in candidates.AsSpan(0, (int)Math.Round(fraction * candidates.Length)))
        {
            cold[e] = true;
        }

        return cold;
    }

    private static TrainTestSplit SplitBy(InteractionLog log, int[] keys, bool[] cold)
    {
        var train = new List<int>(log.Count);
        var test = new List<int>();
        for (var n = 0; n < log.Count; n++)
        {
            (cold[keys[n]] ? test : train).Add(n);
        }

        return new TrainTestSplit(log.Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(train)), log.Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(test)));
    }
}
