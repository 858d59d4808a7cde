namespace HttmOrleans.Recommend.Serving;

/// <summary>A model together with the version id it was loaded from; a request serves from exactly one of these.</summary>
/// <param name="VersionId">The registry's version id.</param>
/// <param name="Model">The loaded model.</param>
public sealed record ActiveModel(string VersionId, TrainedRecommender Model);
