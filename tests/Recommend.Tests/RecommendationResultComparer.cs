using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Tests;

/// <summary>Compares results by content (the record's list member compares by reference).</summary>
internal sealed class RecommendationResultComparer : IEqualityComparer<RecommendationResult>
{
    public static readonly RecommendationResultComparer Instance = new();

    public bool Equals(RecommendationResult? x, RecommendationResult? y) =>
        x is not null && y is not null && x.UserId == y.UserId && x.FellBackToPopularity == y.FellBackToPopularity && x.Items.SequenceEqual(y.Items);

    public int GetHashCode(RecommendationResult obj) => obj.UserId.GetHashCode(StringComparison.Ordinal);
}
