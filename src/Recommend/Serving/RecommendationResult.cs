namespace HttmOrleans.Recommend.Serving;

/// <summary>Top-N for one user.</summary>
/// <param name="UserId">The user asked about.</param>
/// <param name="Items">Best first.</param>
/// <param name="FellBackToPopularity">True when the model did not know the user and served the popularity ranking.</param>
public sealed record RecommendationResult(string UserId, IReadOnlyList<Recommendation> Items, bool FellBackToPopularity)
{
    /// <summary>True when the user was new and the ranking came from features given with the request.</summary>
    public bool FromRequestFeatures { get; init; }

    /// <summary>Request-time features the model never learned, so they were not used.</summary>
    public IReadOnlyList<string> UnknownFeatures { get; init; } = [];
}
