using HttmOrleans.Recommend.Hyperparameters;

namespace HttmOrleans.Recommend.Training;

/// <summary>One run's validated settings: the algorithm's own hyperparameters and the evaluation parameters.</summary>
internal sealed record TrainingSettings(ResolvedHyperparameters Algorithm, string Split, double TestFraction, int K)
{
    /// <summary>True when a holdout fit and its metrics are wanted.</summary>
    public bool Evaluates => Split == CommonParameters.LeaveLatestOutSplit || TestFraction > 0;
}
