using System.Globalization;
using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.Recommend.Synthetic;

/// <summary>
/// Categorical features for synthetic users or items. A signal field per latent dimension names the
/// equal-probability bin its true factor falls in (flipped to a random bin now and then), so an entity's features
/// pin down its factors roughly; noise fields are uniform draws that say nothing.
/// </summary>
internal static class SyntheticFeatures
{
    public static FeatureSample[] Generate(SyntheticOptions options, string prefix, int count, float[] factors, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FeatureBins, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NoiseFeatureValues, 1);
        var rank = options.Rank;
        var random = new Random(seed);
        var edges = NormalQuantiles(options.FeatureBins, Math.Pow(rank, -0.25));
        var perEntity = (options.SignalFeatures ? rank : 0) + options.NoiseFeatures;
        var samples = new FeatureSample[count * perEntity];
        var at = 0;
        for (var e = 0; e < count; e++)
        {
            var id = prefix + e.ToString(CultureInfo.InvariantCulture);
            if (options.SignalFeatures)
            {
                for (var d = 0; d < rank; d++)
                {
                    var bin = random.NextDouble() < options.FeatureFlip ? random.Next(options.FeatureBins) : BinOf(edges, factors[(e * rank) + d]);
                    samples[at++] = new FeatureSample(id, Invariant($"f{d}=b{bin}"), 1f);
                }
            }

            for (var j = 0; j < options.NoiseFeatures; j++)
            {
                samples[at++] = new FeatureSample(id, Invariant($"n{j}=v{random.Next(options.NoiseFeatureValues)}"), 1f);
            }
        }

        return samples;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static int BinOf(double[] edges, float value)
    {
        var bin = 0;
        while (bin < edges.Length && value >= edges[bin])
        {
            bin++;
        }

        return bin;
    }

    // Inner edges of `bins` equal-probability bins of N(0, std²), by bisection on the normal CDF.
    private static double[] NormalQuantiles(int bins, double std)
    {
        var edges = new double[bins - 1];
        for (var b = 1; b < bins; b++)
        {
            var p = (double)b / bins;
            double low = -10, high = 10;
            for (var step = 0; step < 80; step++)
            {
                var mid = (low + high) / 2;
                if (0.5 * (1 + Erf(mid / Math.Sqrt(2))) < p)
                {
                    low = mid;
                }
                else
                {
                    high = mid;
                }
            }

            edges[b - 1] = std * (low + high) / 2;
        }

        return edges;
    }

    // Abramowitz–Stegun 7.1.26: |error| < 1.5e-7, plenty for bin edges.
    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + (0.3275911 * x));
        var y = 1 - ((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return sign * y;
    }
}
