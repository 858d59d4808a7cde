using HttmOrleans.Recommend.Data;

namespace HttmOrleans.Recommend.Evaluation;

/// <summary>A training and a test part of one log; both share its id maps.</summary>
/// <param name="Train">Interactions to fit on.</param>
/// <param name="Test">Held-out interactions to score against.</param>
public sealed record TrainTestSplit(InteractionLog Train, InteractionLog Test);
