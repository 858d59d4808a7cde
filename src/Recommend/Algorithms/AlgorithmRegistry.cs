namespace HttmOrleans.Recommend.Algorithms;

/// <summary>Every built-in algorithm by name.</summary>
public static class AlgorithmRegistry
{
    private static readonly IRecommenderAlgorithm[] Algorithms =
    [
        new PopularityAlgorithm(),
        new ItemKnnAlgorithm(),
        new NmfAlgorithm(),
        new SvdAlgorithm(),
        new AlsAlgorithm(),
        new BprAlgorithm(),
        new EaseAlgorithm(),
        new HybridAlgorithm(),
        new FfmAlgorithm(),
    ];

    /// <summary>All algorithms in documentation order.</summary>
    public static IReadOnlyList<IRecommenderAlgorithm> All => Algorithms;

    /// <summary>Finds an algorithm by its name (case-insensitive).</summary>
    public static bool TryGet(string name, out IRecommenderAlgorithm algorithm)
    {
        algorithm = Array.Find(Algorithms, a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return algorithm is not null;
    }

    /// <summary>Finds an algorithm or throws <see cref="KeyNotFoundException"/> naming the known ones.</summary>
    public static IRecommenderAlgorithm Get(string name) =>
        TryGet(name, out var algorithm)
            ? algorithm
            : throw new KeyNotFoundException($"Unknown algorithm '{name}'. Known: {string.Join(", ", Algorithms.Select(a => a.Name))}.");
}
