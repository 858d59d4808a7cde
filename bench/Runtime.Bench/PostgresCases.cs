using System.Globalization;
using Npgsql;

namespace HttmOrleans.Runtime.Bench;

/// <summary>pgbench, then the grain workloads, on one PostgreSQL server; with --profile, hand-written turns too.</summary>
internal static class PostgresCases
{
    public static async Task<List<ResultRow>> RunAsync(BenchOptions options, string admin)
    {
        var rows = new List<ResultRow>();
        Console.WriteLine($"postgres: {await ScalarAsync(admin, "SELECT version()")}; " +
            $"synchronous_commit={await ScalarAsync(admin, "SHOW synchronous_commit")}, shared_buffers={await ScalarAsync(admin, "SHOW shared_buffers")}");

        double? pgbenchTps = null;
        if (Pgbench.Locate(options.Pgbench) is { } executable)
        {
            await using var database = await ThrowawayDatabase.CreatePostgresAsync(admin, "httm_pgbench", 4);
            await ScalarAsync(admin, "CHECKPOINT");
            var result = await Pgbench.RunAsync(executable, database.ConnectionString, options.Concurrency, options.Seconds);
            pgbenchTps = result.PerSecond;
            rows.Add(new ResultRow("postgres", "pgbench -b simple-update", options.Concurrency, "100,000", result, Note: "5 statements a transaction, simple protocol"));
            GrainCases.Report(rows[^1]);
        }
        else
        {
            Console.WriteLine("pgbench not found (looked in /usr/lib/postgresql/*/bin and PATH; --pgbench sets it): no ratio.");
        }

        await using (var database = await ThrowawayDatabase.CreatePostgresAsync(admin, "httm_bench", options.Concurrency * 2 + 20))
        {
            var cases = new GrainCases(options);
            await using (var node = await BenchNode.StartAsync(database.ConnectionString))
            {
                rows.AddRange(await cases.RunAsync("postgres", node, () => node.ExecuteAsync("CHECKPOINT"), pgbenchTps));
                if (options.Profile) await CountStatementsAsync(node, cases);
            }

            if (options.Profile)
            {
                foreach (var commitInBatch in new[] { false, true })
                {
                    await using var raw = RawPostgresTurn.Create(database.ConnectionString, commitInBatch);
                    var name = commitInBatch ? "raw Npgsql, BEGIN+SELECT / UPDATE+COMMIT (2 trips)" : "raw Npgsql, same SQL (3 trips)";
                    await ScalarAsync(database.ConnectionString, "CHECKPOINT");
                    var many = await LoadRunner.RunAsync(options.Concurrency, cases.Warmup, cases.Duration, options.Seed, cases.PickManyKeys, raw.TurnAsync);
                    rows.Add(new ResultRow("postgres", name + ", many keys", options.Concurrency, options.Keys.ToString("N0", CultureInfo.InvariantCulture), many,
                        Note: "no runtime: the database's share").ComparedTo(pgbenchTps));
                    GrainCases.Report(rows[^1]);
                    var hot = await LoadRunner.RunAsync(options.Concurrency, cases.Warmup, cases.Duration, options.Seed, _ => "hot", raw.TurnAsync);
                    rows.Add(new ResultRow("postgres", name + ", one hot key", options.Concurrency, "1", hot, Note: "no runtime").ComparedTo(pgbenchTps));
                    GrainCases.Report(rows[^1]);
                }
            }
        }

        return rows;
    }

    /// <summary>One caller, a fixed number of turns, every Npgsql command counted: the round trips of one turn.</summary>
    private static async Task CountStatementsAsync(BenchNode node, GrainCases cases)
    {
        const int turns = 2000;
        using var counter = new StatementCounter();
        var random = new Random(7);
        counter.Start();
        for (var i = 0; i < turns; i++) await node.Grains.GetGrain<IBenchCounterGrain>(cases.PickManyKeys(random)).Increment();
        var counts = counter.Stop();
        Console.WriteLine($"  Npgsql commands per turn over {turns} sequential turns (background loops included; COMMIT is not traced by Npgsql, so add 1):");
        foreach (var (statement, count) in counts.OrderByDescending(c => c.Value))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {count / (double)turns,6:F3}  {statement}"));
    }

    private static async Task<string> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }
}
