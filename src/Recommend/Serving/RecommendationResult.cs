namespace HttmOrleans.Recommend.Serving;

/// <summary>Top-N for one user.</summary>
/// <param name="UserId">The user asked about.</param>
/// <param name="Items">Best first.</param>
/// <param name="FellBackToPopularity">True when the model did not know the user and served the popularity ranking.</param>
public sealed record RecommendationResult(string UserId, IReadOnlyList<Recommendation> Items, bool FellBackToPopularity);
