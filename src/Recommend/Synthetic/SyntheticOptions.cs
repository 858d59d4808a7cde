namespace HttmOrleans.Recommend.Synthetic;

/// <summary>Shape of a synthetic interaction set; every field has a usable default.</summary>
public sealed record SyntheticOptions
{
    /// <summary>Seed; the same options always give the same data.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Number of users.</summary>
    public int Users { get; init; } = 1_000;

    /// <summary>Number of items in the catalogue.</summary>
    public int Items { get; init; } = 500;

    /// <summary>Target number of interactions (the result is within a fraction of a percent of it).</summary>
    public int Interactions { get; init; } = 50_000;

    /// <summary>Rank of the true user and item factors.</summary>
    public int Rank { get; init; } = 8;

    /// <summary>Standard deviation of the Gaussian noise added to each rating: the RMSE floor.</summary>
    public float Noise { get; init; } = 0.5f;

    /// <summary>Zipf exponent of item popularity (0 = uniform, 1 = classic long tail).</summary>
    public double PopularityExponent { get; init; } = 1.0;

    /// <summary>How strongly a user's true preference decides which shortlisted items they touch (0 = popularity only).</summary>
    public double Affinity { get; init; } = 2.0;

    /// <summary>Popularity draws per interaction a user makes; preference picks among the drawn items (larger = preference matters more).</summary>
    public int ShortlistFactor { get; init; } = 8;

    /// <summary>Fewest interactions per user, so every user can give one to a test split.</summary>
    public int MinPerUser { get; init; } = 3;

    /// <summary>Timestamps are spread uniformly over this many seconds from <see cref="StartTime"/>.</summary>
    public long TimeSpanSeconds { get; init; } = 365L * 24 * 3600;

    /// <summary>Earliest timestamp (Unix seconds).</summary>
    public long StartTime { get; init; } = 1_700_000_000;

    /// <summary>
    /// Whether users and items get features that carry signal: one categorical field per latent dimension,
    /// <c>f{d}=b{bin}</c>, the bin of the true factor (see <see cref="FeatureBins"/>). False leaves only noise fields.
    /// </summary>
    public bool SignalFeatures { get; init; } = true;

    /// <summary>Equal-probability bins a true factor is cut into for its signal feature.</summary>
    public int FeatureBins { get; init; } = 4;

    /// <summary>Probability that a signal feature names a random bin instead of the true one.</summary>
    public double FeatureFlip { get; init; } = 0.1;

    /// <summary>Categorical fields <c>n{j}=v{value}</c> drawn uniformly, independent of everything: no signal.</summary>
    public int NoiseFeatures { get; init; } = 3;

    /// <summary>Values each noise field takes.</summary>
    public int NoiseFeatureValues { get; init; } = 8;
}
