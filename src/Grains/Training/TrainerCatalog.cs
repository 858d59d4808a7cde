using HttmOrleans.Grains.Training;

namespace HttmOrleans.Grains;

/// <summary>Every <see cref="ITrainer"/> registered in DI, found by algorithm name.</summary>
public sealed class TrainerCatalog(IEnumerable<ITrainer> trainers)
{
    private readonly ITrainer[] _trainers = [.. trainers];

    /// <summary>All trainers, for listing.</summary>
    public IReadOnlyList<ITrainer> All => _trainers;

    /// <summary>The trainer for <paramref name="algorithm"/> (and <paramref name="kind"/> when given), or null.</summary>
    public ITrainer? Find(string algorithm, string? kind = null) =>
        Array.Find(_trainers, t => string.Equals(t.Algorithm, algorithm, StringComparison.OrdinalIgnoreCase)
            && (kind is null || t.Kind == kind));

    /// <summary>The trainer, or a 422 naming the known algorithms.</summary>
    public ITrainer Require(string algorithm, string? kind = null, string field = "algorithm") =>
        Find(algorithm, kind) ?? throw new ValidationException(field,
            $"Unknown algorithm '{algorithm}'{(kind is null ? "" : $" for kind '{kind}'")}. Known: {string.Join(", ", _trainers.Where(t => kind is null || t.Kind == kind).Select(t => t.Algorithm))}.");
}
