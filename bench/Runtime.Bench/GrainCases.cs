namespace HttmOrleans.Runtime.Bench;

/// <summary>The two grain workloads on one node: callers spread over many keys, and every caller on one hot key.</summary>
internal sealed class GrainCases(BenchOptions options)
{
    private readonly string[] _keys = [.. Enumerable.Range(0, options.Keys).Select(i => $"k{i}")];
    private long _committed;

    public TimeSpan Warmup => TimeSpan.FromSeconds(options.WarmupSeconds);
    public TimeSpan Duration => TimeSpan.FromSeconds(options.Seconds);
    public string PickManyKeys(Random random) => _keys[random.Next(_keys.Length)];

    /// <summary>
    /// Runs both workloads; <paramref name="beforeEach"/> settles the database first (a checkpoint on PostgreSQL).
    /// Rows are compared with <paramref name="pgbenchTps"/> where given.
    /// </summary>
    public async Task<List<ResultRow>> RunAsync(string store, BenchNode node, Func<Task> beforeEach, double? pgbenchTps = null)
    {
        await node.PrimeAsync(options.Keys);
        var rows = new List<ResultRow>();

        await beforeEach();
        var many = await LoadRunner.RunAsync(options.Concurrency, Warmup, Duration, options.Seed, PickManyKeys, key => TurnAsync(node, key));
        rows.Add(new ResultRow(store, "grain turn, many keys", options.Concurrency, options.Keys.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), many).ComparedTo(pgbenchTps));
        Report(rows[^1]);

        await beforeEach();
        var hot = await LoadRunner.RunAsync(options.Concurrency, Warmup, Duration, options.Seed, _ => "hot", key => TurnAsync(node, key));
        rows.Add(new ResultRow(store, "grain turn, one hot key", options.Concurrency, "1", hot, Note: "serialised by design").ComparedTo(pgbenchTps));
        Report(rows[^1]);

        if (options.Profile)
        {
            // What a per-node, per-key gate in the runtime would buy: waiters queue in memory instead of as
            // database sessions blocked on the row lock, and only one of them holds a connection.
            using var gate = new SemaphoreSlim(1, 1);
            await beforeEach();
            var gated = await LoadRunner.RunAsync(options.Concurrency, Warmup, Duration, options.Seed, _ => "hot", async key =>
            {
                await gate.WaitAsync();
                try { await TurnAsync(node, key); }
                finally { gate.Release(); }
            });
            rows.Add(new ResultRow(store, "grain turn, one hot key, callers queue in-process", options.Concurrency, "1", gated, Note: "emulates a per-node key gate").ComparedTo(pgbenchTps));
            Report(rows[^1]);

            // One caller: the latency floor of a turn (round trips plus the commit's flush), nothing queued.
            await beforeEach();
            var alone = await LoadRunner.RunAsync(1, Warmup, Duration, options.Seed, PickManyKeys, key => TurnAsync(node, key));
            rows.Add(new ResultRow(store, "grain turn, one caller", 1, options.Keys.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), alone,
                Note: "latency floor"));
            Report(rows[^1]);
        }

        var persisted = await node.SumCountsAsync();
        var committed = Interlocked.Read(ref _committed);
        Console.WriteLine(persisted == committed
            ? $"  check: the grains' counts add up to the {committed:N0} turns that returned"
            : $"  CHECK FAILED: the grains' counts add up to {persisted:N0}, but {committed:N0} turns returned");
        if (persisted != committed) Environment.ExitCode = 1;
        return rows;
    }

    private async Task TurnAsync(BenchNode node, string key)
    {
        await node.Grains.GetGrain<IBenchCounterGrain>(key).Increment();
        Interlocked.Increment(ref _committed);
    }

    public static void Report(ResultRow row)
    {
        Console.WriteLine(ReportTable.Row(row));
        if (row.Result.FirstError is { } error) Console.WriteLine($"  first error: {error}");
    }
}
