namespace HttmOrleans.Recommend.Serving;

/// <summary>Interaction counts for ranking; damped item means for rating prediction (a baseline for RMSE).</summary>
internal sealed class PopularityScorer : ModelScorer
{
    private readonly float[] _counts;
    private readonly float[] _itemMeans;

    public PopularityScorer(float[] counts, float[] itemMeans)
    {
        _counts = counts;
        _itemMeans = itemMeans;
    }

    public override ScorerKind Kind => ScorerKind.Popularity;

    public override bool CanPredictRatings => true;

    public override bool SupportsSimilarItems => false;

    public override void ScoreAll(int user, ReadOnlySpan<int> seenItems, ReadOnlySpan<float> seenValues, Span<float> scores) =>
        _counts.CopyTo(scores);

    public override float PredictRating(int user, int item) => _itemMeans[item];

    public override void ScoreSimilar(int item, Span<float> scores) =>
        throw new NotSupportedException("popularity has no notion of item similarity.");

    public override void Write(BinaryWriter writer)
    {
        BinaryIo.WriteArray<float>(writer, _counts);
        BinaryIo.WriteArray<float>(writer, _itemMeans);
    }

    public static PopularityScorer Read(BinaryReader reader, int items)
    {
        var counts = BinaryIo.ReadArray<float>(reader, items);
        var means = BinaryIo.ReadArray<float>(reader, items);
        return counts.Length == items && means.Length == items
            ? new PopularityScorer(counts, means)
            : throw new InvalidDataException("Popularity arrays do not match the catalogue.");
    }
}
