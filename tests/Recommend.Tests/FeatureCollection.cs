namespace HttmOrleans.Recommend.Tests;

/// <summary>Tests that share the models of <see cref="FeatureFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class FeatureCollection : ICollectionFixture<FeatureFixture>
{
    public const string Name = "features";
}
