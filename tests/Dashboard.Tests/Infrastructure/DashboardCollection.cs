using Xunit;

namespace HttmOrleans.Dashboard.Tests.Infrastructure;

/// <summary>Every dashboard test shares one cluster and one browser; tests run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
