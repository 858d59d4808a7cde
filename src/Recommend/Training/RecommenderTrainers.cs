using HttmOrleans.Recommend.Algorithms;

namespace HttmOrleans.Recommend.Training;

/// <summary>The recommender trainers to register with the host.</summary>
public static class RecommenderTrainers
{
    /// <summary>One <see cref="RecommenderTrainer"/> per algorithm of <see cref="AlgorithmRegistry"/>, in its order.</summary>
    public static IReadOnlyList<RecommenderTrainer> All() =>
        [.. AlgorithmRegistry.All.Select(algorithm => new RecommenderTrainer(algorithm))];
}
