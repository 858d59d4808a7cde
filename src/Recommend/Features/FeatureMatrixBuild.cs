namespace HttmOrleans.Recommend.Features;

/// <summary>A built <see cref="FeatureMatrix"/> and what building it found, for the training's details.</summary>
/// <param name="Matrix">The features, one row per entity of the id map it was built for.</param>
/// <param name="AddedEntities">Entities the id map did not hold and that were added (cold items with features).</param>
/// <param name="SkippedRows">Rows left out because their entity is unknown and was not added.</param>
/// <param name="SkippedEntities">Distinct entities among <paramref name="SkippedRows"/>.</param>
/// <param name="SkippedExamples">Up to five of them, in order, for the report.</param>
public sealed record FeatureMatrixBuild(FeatureMatrix Matrix, int AddedEntities, int SkippedRows, int SkippedEntities, IReadOnlyList<string> SkippedExamples);
