namespace HttmOrleans.Grains.Datasets;

/// <summary>One row of a <c>features</c> dataset: a user's or an item's feature and its weight.</summary>
/// <param name="EntityId">The user or item.</param>
/// <param name="Feature">The feature, e.g. <c>gender=F</c> (categorical, value 1) or <c>age</c> (numeric).</param>
/// <param name="Value">Its weight: 1 for a categorical feature, the number for a numeric one.</param>
public readonly record struct FeatureSample(string EntityId, string Feature, float Value);
