namespace HttmOrleans.Recommend.Evaluation;

/// <summary>How a model is scored against a test split.</summary>
public sealed record EvaluationOptions
{
    /// <summary>List length for the ranking metrics.</summary>
    public int K { get; init; } = 10;

    /// <summary>
    /// When set, only test interactions rated at least this much count as relevant; when null every held-out
    /// interaction does.
    /// </summary>
    public float? RelevanceThreshold { get; init; }

    /// <summary>
    /// When set, rankings are over these items only (ids the model does not know are ignored): the cold items of
    /// an item cold-start split. When null the whole catalogue is ranked.
    /// </summary>
    public IReadOnlyCollection<string>? CandidateItems { get; init; }
}
