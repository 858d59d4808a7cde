namespace HttmOrleans.Grains.Tests.Infrastructure;

/// <summary>One cluster per database kind, shared by the tests of its collection (they run one after another).</summary>
public abstract class ClusterFixture(string provider) : IAsyncLifetime
{
    private GrainCluster? _cluster;

    public GrainCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public async Task InitializeAsync() => _cluster = await GrainCluster.StartAsync(provider);

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}

public sealed class SqliteClusterFixture() : ClusterFixture("sqlite");

public sealed class PostgresClusterFixture() : ClusterFixture("postgres");

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteClusterFixture>
{
    public const string Name = "sqlite cluster";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres cluster";
}
