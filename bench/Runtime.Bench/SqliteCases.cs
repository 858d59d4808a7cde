namespace HttmOrleans.Runtime.Bench;

/// <summary>The grain workloads on the embedded default: a SQLite file in the temp folder.</summary>
internal static class SqliteCases
{
    public static async Task<List<ResultRow>> RunAsync(BenchOptions options)
    {
        await using var database = ThrowawayDatabase.CreateSqlite();
        await using var node = await BenchNode.StartAsync(database.ConnectionString);
        Console.WriteLine($"sqlite: {database.ConnectionString}");
        // WAL checkpoints happen on their own; a full one between cases keeps them from landing in a window.
        return await new GrainCases(options).RunAsync("sqlite", node, () => node.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
}
