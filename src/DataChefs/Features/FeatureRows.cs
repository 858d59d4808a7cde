using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.DataChefs.Features;

/// <summary>The feature rows one source record became (one for a long row, one per feature for a wide one).</summary>
/// <param name="Samples">Never empty for an accepted record with features; empty for a row whose cells were all empty.</param>
public readonly record struct FeatureRows(FeatureSample[] Samples);
