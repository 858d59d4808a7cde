namespace HttmOrleans.Recommend.Serving;

/// <summary>The learned part of a model: scores for a user over the whole catalogue, in dense indexes.</summary>
internal abstract class ModelScorer
{
    public abstract ScorerKind Kind { get; }

    public virtual bool CanPredictRatings => false;

    public virtual bool SupportsSimilarItems => true;

    /// <summary>Fills <paramref name="scores"/> (catalogue length) for a known user with the given history.</summary>
    public abstract void ScoreAll(int user, ReadOnlySpan<int> seenItems, ReadOnlySpan<float> seenValues, Span<float> scores);

    /// <summary>
    /// True when the model can rank for dense user <paramref name="user"/> although it has no training interactions
    /// (a user known only by features, e.g. in a user cold-start split). Such a user is scored by <see cref="ScoreAll"/>.
    /// </summary>
    public virtual bool CanScoreUser(int user) => false;

    /// <summary>
    /// Fills <paramref name="scores"/> for a user the model never saw, from features given at request time.
    /// Returns false (leaving the scores alone) when the model has no user features or none of the pairs is known;
    /// pairs the model never learned are added to <paramref name="unknown"/>.
    /// </summary>
    public virtual bool TryScoreNewUser(IReadOnlyList<KeyValuePair<string, string>> features, Span<float> scores, List<string> unknown) => false;

    /// <summary>Predicted rating of a known user for an item.</summary>
    public virtual float PredictRating(int user, int item) => throw new NotSupportedException("This model does not predict ratings.");

    /// <summary>Fills similarity of every item to <paramref name="item"/>; unrelated items get negative infinity.</summary>
    public abstract void ScoreSimilar(int item, Span<float> scores);

    public abstract void Write(BinaryWriter writer);

    public static ModelScorer Read(BinaryReader reader, ScorerKind kind, int users, int items) => kind switch
    {
        ScorerKind.Popularity => PopularityScorer.Read(reader, items),
        ScorerKind.Factors => FactorScorer.Read(reader, users, items),
        ScorerKind.ItemNeighbours => ItemNeighbourScorer.Read(reader, items),
        ScorerKind.DenseItemItem => DenseItemScorer.Read(reader, items),
        ScorerKind.FeatureEmbeddings => FeatureEmbeddingScorer.Read(reader, users, items),
        ScorerKind.FieldAware => FieldAwareScorer.Read(reader, users, items),
        _ => throw new InvalidDataException($"Unknown scorer kind {(byte)kind}."),
    };
}
