namespace HttmOrleans.Summarization.Rouge;

/// <summary>
/// Aggregates per-sample ROUGE scores into corpus scores with bootstrap confidence intervals.
/// The resampling is seeded, so a report can be reproduced; numbers differ from numpy's by
/// the random stream only (same method: resample with replacement, mean, percentile with
/// linear interpolation).
/// </summary>
public static class CorpusRouge
{
    /// <summary>Aggregates <paramref name="samples"/> (one dictionary per sample, as <see cref="RougeScorer.Score"/> returns).</summary>
    /// <param name="samples">Per-sample scores; every sample must hold the same types.</param>
    /// <param name="bootstrapSamples">How many resamples; 1000 as in <c>rouge-score</c>.</param>
    /// <param name="confidence">Width of the interval, 0.95 gives the 2.5th and 97.5th percentiles.</param>
    /// <param name="seed">Seed of the resampling.</param>
    public static IReadOnlyDictionary<string, RougeInterval> Aggregate(
        IReadOnlyList<IReadOnlyDictionary<string, RougeScore>> samples,
        int bootstrapSamples = 1000,
        double confidence = 0.95,
        int seed = 17)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(bootstrapSamples, 1);
        if (confidence is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(confidence), "Confidence must lie strictly between 0 and 1.");
        var result = new Dictionary<string, RougeInterval>(StringComparer.Ordinal);
        if (samples.Count == 0)
            return result;

        var random = new Random(seed);
        var n = samples.Count;
        var draws = new int[bootstrapSamples][];
        for (var b = 0; b < bootstrapSamples; b++)
        {
            // The same resampled index sets serve every type, so intervals of different types are comparable.
            draws[b] = new int[n];
            for (var i = 0; i < n; i++)
                draws[b][i] = random.Next(n);
        }

        var delta = (1 - confidence) / 2;
        foreach (var type in samples[0].Keys)
        {
            var values = new double[3][];
            for (var k = 0; k < 3; k++)
                values[k] = samples.Select(s => Component(s[type], k)).ToArray();

            var low = new double[3];
            var mid = new double[3];
            var high = new double[3];
            var mean = new double[3];
            for (var k = 0; k < 3; k++)
            {
                mean[k] = values[k].Average();
                var means = new double[bootstrapSamples];
                for (var b = 0; b < bootstrapSamples; b++)
                {
                    var sum = 0.0;
                    foreach (var index in draws[b])
                        sum += values[k][index];
                    means[b] = sum / n;
                }
                Array.Sort(means);
                low[k] = Percentile(means, delta);
                mid[k] = Percentile(means, 0.5);
                high[k] = Percentile(means, 1 - delta);
            }
            result[type] = new RougeInterval(ToScore(mean), ToScore(low), ToScore(mid), ToScore(high));
        }
        return result;
    }

    /// <summary>Scores each (target, prediction) pair with <paramref name="scorer"/> and aggregates.</summary>
    public static IReadOnlyDictionary<string, RougeInterval> Score(
        RougeScorer scorer,
        IReadOnlyList<string> targets,
        IReadOnlyList<string> predictions,
        int bootstrapSamples = 1000,
        double confidence = 0.95,
        int seed = 17)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(predictions);
        if (targets.Count != predictions.Count)
            throw new ArgumentException("Targets and predictions must pair up one to one.", nameof(predictions));
        var samples = targets.Select((t, i) => scorer.Score(t, predictions[i])).ToList();
        return Aggregate(samples, bootstrapSamples, confidence, seed);
    }

    private static double Component(RougeScore score, int k) => k switch
    {
        0 => score.Precision,
        1 => score.Recall,
        _ => score.F,
    };

    private static RougeScore ToScore(double[] v) => new(v[0], v[1], v[2]);

    // numpy.percentile's default ("linear"): position q·(n−1) in the sorted values.
    private static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var fraction = position - lower;
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * fraction);
    }
}
