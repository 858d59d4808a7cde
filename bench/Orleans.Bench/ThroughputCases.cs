using System.Globalization;

namespace HttmOrleans.OrleansBench;

/// <summary>
/// Grain calls a second on one in-process silo: each of the callers owns its own grains (no caller
/// waits for another's activation), first with one <c>WriteStateAsync</c> per call, then read-only.
/// </summary>
internal sealed class ThroughputCases(BenchOptions options)
{
    private TimeSpan Warmup => TimeSpan.FromSeconds(options.WarmupSeconds);
    private TimeSpan Window => TimeSpan.FromSeconds(options.Seconds);
    public string Keys => (options.Callers * options.KeysPerCaller).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// The write and the read measurement on <paramref name="database"/>; <paramref name="settle"/> runs before each
    /// window (a checkpoint). With a <paramref name="reference"/> (pgbench), the write window runs
    /// <see cref="BenchOptions.WriteRounds"/> times and the reference runs before the first and after every one, so each
    /// grain window sits between two reference windows taken minutes, not hours, apart.
    /// </summary>
    public async Task<(Measurement Write, IReadOnlyList<Measurement> WriteWindows, Measurement Read)> RunAsync(string store, string database, Func<Task> settle,
        Func<Task>? reference = null, Func<Task<long>>? transactions = null)
    {
        using var host = BenchSilo.Build(database, $"bench-{store}-{Guid.NewGuid().ToString("N")[..6]}");
        await host.StartAsync();
        try
        {
            var factory = host.Grains();
            var grains = Enumerable.Range(0, options.Callers)
                .Select(c => Enumerable.Range(0, options.KeysPerCaller).Select(k => factory.GetGrain<IBenchGrain>($"c{c}-k{k}")).ToArray())
                .ToArray();
            // Every grain activated and its row written once, as pgbench -i creates its accounts: the timed writes are updates.
            await Task.WhenAll(grains.Select(async mine => { foreach (var grain in mine) await grain.Write(); }));

            long returned = 0;
            var writes = new List<Measurement>();
            if (reference is not null) await ReferenceAsync(reference);
            for (var round = 0; round < (reference is null ? 1 : options.WriteRounds); round++)
            {
                await settle();
                var write = await LoadRunner.RunAsync(options.Callers, Warmup, !options.FixedWarmup, Window, async (caller, n) =>
                {
                    var mine = grains[caller];
                    await mine[n % mine.Length].Write();
                    Interlocked.Increment(ref returned);
                });
                Report(store, "grain call + WriteStateAsync", write);
                writes.Add(write);
                if (reference is not null) await ReferenceAsync(reference);
            }

            await settle();
            var read = await LoadRunner.RunAsync(options.Callers, Warmup, !options.FixedWarmup, Window, (caller, n) =>
            {
                var mine = grains[caller];
                return mine[n % mine.Length].Read();
            });
            Report(store, "grain call, read-only", read);

            await CheckAsync(grains, returned);
            if (options.Profile && transactions is not null) await CountRoundTripsAsync(grains[0], transactions);
            return (Measurement.Combine(writes), writes, read);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>The reference (pgbench) once this process's JIT has finished what the grain calls queued, so the idle silo takes little from it.</summary>
    private static async Task ReferenceAsync(Func<Task> reference)
    {
        await LoadRunner.WaitForQuietJitAsync();
        await reference();
    }

    /// <summary>The counts must add up to the writes that returned, so no figure counts a write that was lost.</summary>
    private static async Task CheckAsync(IBenchGrain[][] grains, long returned)
    {
        var counts = await Task.WhenAll(grains.SelectMany(g => g).Select(g => g.Read()));
        var expected = returned + counts.Length;
        var sum = counts.Sum(c => (long)c);
        if (sum == expected) Console.WriteLine($"  check: the {counts.Length:N0} grains' counts add up to the {returned:N0} timed and warm-up writes that returned, plus one priming write each");
        else
        {
            Console.WriteLine($"  CHECK FAILED: the grains' counts add up to {sum:N0}, expected {expected:N0}");
            Environment.ExitCode = 1;
        }
    }

    /// <summary>One caller, sequential writes: Npgsql commands (round trips) and committed transactions per write.</summary>
    private static async Task CountRoundTripsAsync(IBenchGrain[] grains, Func<Task<long>> transactions)
    {
        const int writes = 2000;
        using var counter = new StatementCounter();
        var before = await transactions();
        counter.Start();
        for (var i = 0; i < writes; i++) await grains[i % grains.Length].Write();
        var counts = counter.Stop();
        var committed = await transactions() - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  per write over {writes:N0} sequential writes (silo background work included): {committed / (double)writes:F3} committed transactions; Npgsql commands:"));
        foreach (var (statement, count) in counts.OrderByDescending(c => c.Value))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {count / (double)writes,6:F3}  {statement}"));
    }

    public static void Report(string store, string name, Measurement m)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {store,-8} {name,-30} {m.PerSecond,9:N0}/s  p50 {m.P50Ms,6:F2} ms  p99 {m.P99Ms,6:F2} ms  errors {m.Errors}  CPU {m.CpuUsPerCall,5:F0} µs/call  machine busy {m.MachineBusyPercent:F0} %  gen0 GCs {m.Gen0Collections}, paused {m.GcPauseMs:F0} ms, warm-up {m.WarmupSeconds:F0} s, JIT {m.JitMs:F0} ms"));
        if (m.FirstError is { } error) Console.WriteLine($"  first error: {error}");
    }
}
