using HttmOrleans.Runtime.Tests.Infrastructure;

namespace HttmOrleans.Runtime.Tests;

/// <summary>The contract on PostgreSQL, the cluster store.</summary>
public sealed class PostgresRuntimeTests : RuntimeContractTests
{
    protected override Task<string> CreateDatabaseAsync() => TestDatabases.CreatePostgresAsync();
    protected override Task DropDatabaseAsync(string database) => TestDatabases.DropPostgresAsync(database);
}
