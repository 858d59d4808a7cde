using HttmOrleans.Grains.Datasets;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Numerics;

namespace HttmOrleans.Recommend.Synthetic;

/// <summary>
/// Generated interactions as parallel arrays (no object per event, so 20 M fit in a few hundred MB) together with
/// the true factors and noise level that produced them.
/// </summary>
public sealed class SyntheticDataset
{
    internal SyntheticDataset(SyntheticOptions options, int[] users, int[] items, float[] ratings, long[] timestamps, float[] userFactors, float[] itemFactors)
    {
        Options = options;
        Users = users;
        Items = items;
        Ratings = ratings;
        Timestamps = timestamps;
        UserFactors = userFactors;
        ItemFactors = itemFactors;
    }

    /// <summary>The options that produced this data.</summary>
    public SyntheticOptions Options { get; }

    /// <summary>User index of each interaction; users are grouped together.</summary>
    public int[] Users { get; }

    /// <summary>Item index of each interaction.</summary>
    public int[] Items { get; }

    /// <summary>Rating: 3.5 + user bias + item bias + true factors' dot product + noise.</summary>
    public float[] Ratings { get; }

    /// <summary>Unix-second timestamps.</summary>
    public long[] Timestamps { get; }

    /// <summary>True user factors, users × rank, row-major.</summary>
    public float[] UserFactors { get; }

    /// <summary>True item factors, items × rank, row-major.</summary>
    public float[] ItemFactors { get; }

    /// <summary>Number of interactions generated.</summary>
    public int Count => Users.Length;

    /// <summary>Noise standard deviation: the best RMSE any model can reach on held-out ratings.</summary>
    public float NoiseStd => Options.Noise;

    /// <summary>
    /// Wraps the arrays as a log with ids "u0".. and "i0".. (every user and item of the options, even untouched ones);
    /// <paramref name="implicitFeedback"/> replaces ratings by 1.
    /// </summary>
    public InteractionLog ToLog(bool implicitFeedback = false)
    {
        var userIds = new IdMap(Enumerable.Range(0, Options.Users).Select(u => "u" + u.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var itemIds = new IdMap(Enumerable.Range(0, Options.Items).Select(i => "i" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var ratings = implicitFeedback ? Enumerable.Repeat(1f, Count).ToArray() : Ratings;
        return new InteractionLog(userIds, itemIds, Users, Items, ratings, Timestamps);
    }

    /// <summary>
    /// Features of every user ("u0"..): signal fields from the true user factors and noise fields, per
    /// <see cref="SyntheticOptions"/>. Drawn from their own seed, so adding features leaves the interactions unchanged.
    /// </summary>
    public FeatureSample[] UserFeatureSamples() =>
        SyntheticFeatures.Generate(Options, "u", Options.Users, UserFactors, Seeds.Derive(Options.Seed, 0xFEA7, 1));

    /// <summary>Features of every item ("i0".."), drawn as <see cref="UserFeatureSamples"/> from the true item factors.</summary>
    public FeatureSample[] ItemFeatureSamples() =>
        SyntheticFeatures.Generate(Options, "i", Options.Items, ItemFactors, Seeds.Derive(Options.Seed, 0xFEA7, 2));
}
