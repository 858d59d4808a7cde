using System.Numerics.Tensors;
using HttmOrleans.Recommend.Numerics;

namespace HttmOrleans.Recommend.Synthetic;

/// <summary>
/// Seeded synthetic interactions with known low-rank structure. Each user draws a pool of items from a Zipf item
/// popularity (with replacement), then keeps distinct pool items by weighted sampling without replacement, weight
/// (times drawn) · exp(affinity · true score); ratings are the true score plus biases plus Gaussian noise. So popularity explains
/// part of the data and the latent factors the rest, which is what separates personalised models from popularity.
/// </summary>
public static class SyntheticInteractions
{
    private const float GlobalMean = 3.5f;
    private const float BiasStd = 0.3f;

    /// <summary>Generates a data set; the same options give the same arrays on any machine and core count.</summary>
    public static SyntheticDataset Generate(SyntheticOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Items, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Rank, 1);
        var random = new Random(options.Seed);
        var rank = options.Rank;

        // Factor entries with std rank^-1/4 make the true score u·v roughly standard normal.
        var factorStd = (float)Math.Pow(rank, -0.25);
        var userFactors = new float[options.Users * rank];
        var itemFactors = new float[options.Items * rank];
        Kernels.FillNormal(random, userFactors, 0, factorStd);
        Kernels.FillNormal(random, itemFactors, 0, factorStd);
        var userBias = new float[options.Users];
        var itemBias = new float[options.Items];
        Kernels.FillNormal(random, userBias, 0, BiasStd);
        Kernels.FillNormal(random, itemBias, 0, BiasStd);

        var popularity = PopularityCumulative(random, options);
        var counts = UserCounts(random, options);
        var offsets = new int[options.Users + 1];
        for (var u = 0; u < options.Users; u++)
        {
            offsets[u + 1] = offsets[u] + counts[u];
        }

        var total = offsets[^1];
        var users = new int[total];
        var items = new int[total];
        var ratings = new float[total];
        var timestamps = new long[total];
        Parallel.For(0, options.Users, u =>
        {
            var rng = new Random(Seeds.Derive(options.Seed, u, 0x5EED));
            var from = offsets[u];
            var chosen = items.AsSpan(from, counts[u]);
            ChooseItems(rng, options, popularity, userFactors.AsSpan(u * rank, rank), itemFactors, chosen);
            chosen.Sort();
            for (var n = 0; n < chosen.Length; n++)
            {
                var i = chosen[n];
                var score = TensorPrimitives.Dot<float>(userFactors.AsSpan(u * rank, rank), itemFactors.AsSpan(i * rank, rank));
                var (noise, _) = Kernels.NextGaussianPair(rng);
                users[from + n] = u;
                ratings[from + n] = GlobalMean + userBias[u] + itemBias[i] + score + (options.Noise * noise);
                timestamps[from + n] = options.StartTime + rng.NextInt64(Math.Max(1, options.TimeSpanSeconds));
            }
        });

        return new SyntheticDataset(options, users, items, ratings, timestamps, userFactors, itemFactors);
    }

    private static double[] PopularityCumulative(Random random, SyntheticOptions options)
    {
        // Popularity rank is a random permutation, so popularity is independent of item index and of the factors.
        var order = Enumerable.Range(0, options.Items).ToArray();
        random.Shuffle(order);
        var cumulative = new double[options.Items];
        var sum = 0.0;
        for (var i = 0; i < options.Items; i++)
        {
            sum += 1.0 / Math.Pow(order[i] + 1, options.PopularityExponent);
            cumulative[i] = sum;
        }

        return cumulative;
    }

    private static int[] UserCounts(Random random, SyntheticOptions options)
    {
        // Log-normal activity: most users have a few interactions, some have many.
        var cap = Math.Max(1, options.Items / 2);
        var minimum = Math.Min(options.MinPerUser, cap);
        var weights = new double[options.Users];
        for (var u = 0; u < weights.Length; u++)
        {
            var (g, _) = Kernels.NextGaussianPair(random);
            weights[u] = Math.Exp(0.8 * g);
        }

        var scale = options.Interactions / weights.Sum();
        var counts = new int[options.Users];
        for (var u = 0; u < counts.Length; u++)
        {
            counts[u] = Math.Clamp((int)Math.Round(weights[u] * scale), minimum, cap);
        }

        return counts;
    }

    private static void ChooseItems(Random rng, SyntheticOptions options, double[] popularity, ReadOnlySpan<float> user, float[] itemFactors, Span<int> chosen)
    {
        var rank = user.Length;
        var want = chosen.Length;

        // The pool is drawn with replacement and each item keeps its multiplicity as a weight. A pool of distinct
        // items would flatten the Zipf head: at 8 × want draws it can cover half the catalogue almost uniformly.
        var draws = Math.Max(want, want * options.ShortlistFactor);
        var multiplicity = new Dictionary<int, int>(Math.Min(draws, options.Items));
        for (var d = 0; d < draws; d++)
        {
            var target = rng.NextDouble() * popularity[^1];
            var i = Array.BinarySearch(popularity, target);
            i = Math.Min(i < 0 ? ~i : i, options.Items - 1);
            multiplicity[i] = multiplicity.GetValueOrDefault(i) + 1;
        }

        // A steep Zipf over a tiny catalogue may not yield enough distinct items: top up uniformly.
        while (multiplicity.Count < want)
        {
            multiplicity.TryAdd(rng.Next(options.Items), 1);
        }

        // Efraimidis–Spirakis: keep the `want` largest log(U) / w, with w = multiplicity · exp(affinity · score).
        var candidates = multiplicity.Keys.ToArray();
        Array.Sort(candidates);
        var keys = new double[candidates.Length];
        for (var n = 0; n < candidates.Length; n++)
        {
            var score = TensorPrimitives.Dot(user, itemFactors.AsSpan(candidates[n] * rank, rank));
            keys[n] = Math.Log(1.0 - rng.NextDouble()) * Math.Exp(-options.Affinity * score) / multiplicity[candidates[n]];
        }

        Array.Sort(keys, candidates);
        candidates.AsSpan(candidates.Length - want).CopyTo(chosen);
    }
}
