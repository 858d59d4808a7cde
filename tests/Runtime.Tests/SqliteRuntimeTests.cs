using HttmOrleans.Runtime.Tests.Infrastructure;

namespace HttmOrleans.Runtime.Tests;

/// <summary>The contract on the embedded default: a SQLite file.</summary>
public sealed class SqliteRuntimeTests : RuntimeContractTests
{
    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(TestDatabases.CreateSqlite());

    protected override Task DropDatabaseAsync(string database)
    {
        TestDatabases.DropSqlite(database);
        return Task.CompletedTask;
    }
}
