using HttmOrleans.Recommend.Data;

namespace HttmOrleans.Recommend.Evaluation;

/// <summary>A training and a test part of one log; both share its id maps.</summary>
/// <param name="Train">Interactions to fit on.</param>
/// <param name="Test">Held-out interactions to score against.</param>
public sealed record TrainTestSplit(InteractionLog Train, InteractionLog Test)
{
    /// <summary>
    /// For an item cold-start split: the items that lost every training interaction. Ranking is evaluated over
    /// these items only (<see cref="EvaluationOptions.CandidateItems"/>); null for other splits.
    /// </summary>
    public IReadOnlyList<string>? ColdItems { get; init; }

    /// <summary>For a user cold-start split: the users that lost every training interaction; null for other splits.</summary>
    public IReadOnlyList<string>? ColdUsers { get; init; }
}
