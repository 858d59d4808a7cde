namespace HttmOrleans.Recommend.Tests;

/// <summary>Tests that share the fitted models of <see cref="SyntheticFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SyntheticCollection : ICollectionFixture<SyntheticFixture>
{
    public const string Name = "synthetic";
}
