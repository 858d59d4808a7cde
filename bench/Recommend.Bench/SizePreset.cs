using System.Globalization;
using HttmOrleans.Recommend.Synthetic;

namespace HttmOrleans.Recommend.Bench;

/// <summary>Benchmark sizes shaped like the MovieLens sets of the same scale (users × items × ratings).</summary>
internal sealed record SizePreset(string Name, int Users, int Items, int Interactions)
{
    public static readonly SizePreset[] All =
    [
        new("100k", 943, 1_682, 100_000),
        new("1m", 6_040, 3_706, 1_000_000),
        new("20m", 138_000, 26_700, 20_000_000),
    ];

    public static SizePreset Parse(string name)
    {
        var preset = Array.Find(All, p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (preset is not null)
        {
            return preset;
        }

        // Any other count, e.g. "223k": keep the 100k preset's ratio of users and items to interactions.
        var count = ParseCount(name);
        var scale = count / 100_000.0;
        return new SizePreset(name, Math.Max(50, (int)(943 * Math.Sqrt(scale))), Math.Max(50, (int)(1_682 * Math.Sqrt(scale))), count);
    }

    public SyntheticOptions Options(int seed) => new()
    {
        Seed = seed,
        Users = Users,
        Items = Items,
        Interactions = Interactions,
        Rank = 10,
        Noise = 0.5f,
    };

    private static int ParseCount(string text)
    {
        var multiplier = 1;
        if (text.EndsWith('k') || text.EndsWith('K'))
        {
            multiplier = 1_000;
        }
        else if (text.EndsWith('m') || text.EndsWith('M'))
        {
            multiplier = 1_000_000;
        }

        var digits = multiplier == 1 ? text : text[..^1];
        return (int)(double.Parse(digits, CultureInfo.InvariantCulture) * multiplier);
    }
}
