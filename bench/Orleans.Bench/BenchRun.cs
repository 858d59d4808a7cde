using System.Globalization;
using System.Reflection;
using Npgsql;

namespace HttmOrleans.OrleansBench;

/// <summary>One run: pgbench and the grain figures on PostgreSQL, the grain figures on SQLite, failover; then the summary.</summary>
internal static class BenchRun
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores ({CpuModel()}), {Environment.OSVersion}, .NET {Environment.Version}, load average {MachineCpu.LoadAverage()}");
        Console.WriteLine($"{options.Callers} callers × {options.KeysPerCaller} grains each, {options.WarmupSeconds} s warm-up + {options.Seconds} s timed per case; Orleans {OrleansVersion()}");
        var cases = new ThroughputCases(options);

        double? pgbenchTps = null;
        var pgbench = new List<double>();
        (Measurement Write, IReadOnlyList<Measurement> WriteWindows, Measurement Read)? postgres = null;
        List<double>? failover = null;
        if (options.Postgres is { } admin)
        {
            Console.WriteLine($"postgres: {await ScalarAsync(admin, "SHOW server_version")}, synchronous_commit={await ScalarAsync(admin, "SHOW synchronous_commit")}, " +
                $"shared_buffers={await ScalarAsync(admin, "SHOW shared_buffers")}, max_connections={await ScalarAsync(admin, "SHOW max_connections")}");
            // pgbench runs right before and after every grain write window and the ratio uses the mean of all its runs:
            // on a shared machine the load drifts within minutes, and one side measured in a quiet moment would flatter it.
            var executable = Pgbench.Locate(options.Pgbench);
            if (executable is null) Console.WriteLine("pgbench not found (looked in /usr/lib/postgresql/*/bin and PATH; --pgbench sets it): no ratio.");
            await using var pgbenchDatabase = await ScratchDatabase.CreatePostgresAsync(admin, "httm_pgbench", 4);
            async Task RunPgbenchAsync()
            {
                await ScalarAsync(admin, "CHECKPOINT");
                // The idle silo stays up between write windows; its own CPU meanwhile is printed so nobody has to guess what it took from pgbench.
                var silo = Environment.CpuUsage.TotalTime;
                var result = await Pgbench.RunAsync(executable!, pgbenchDatabase.ConnectionString, options.Callers, options.Seconds);
                var siloShare = (Environment.CpuUsage.TotalTime - silo).TotalSeconds / result.Seconds;
                pgbench.Add(result.PerSecond);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  postgres pgbench -b simple-update -c {options.Callers} -j 2 -T {options.Seconds}: {result.PerSecond:N0} tps, latency average {result.P50Ms:F2} ms, machine busy {result.MachineBusyPercent:F0} %, bench process (idle silo) {siloShare:P1} of a core"));
            }

            await using (var database = await ScratchDatabase.CreatePostgresAsync(admin, "httm_orleans_bench", options.Callers + 20))
            {
                Console.WriteLine($"  grain storage pool: Maximum Pool Size={new NpgsqlConnectionStringBuilder(database.ConnectionString).MaxPoolSize} for {options.Callers} callers");
                var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database;
                postgres = await cases.RunAsync("postgres", database.ConnectionString, () => ScalarAsync(admin, "CHECKPOINT"),
                    executable is null ? null : RunPgbenchAsync,
                    async () =>
                    {
                        // Backends flush their statistics at most once a second.
                        await Task.Delay(1500);
                        return long.Parse(await ScalarAsync(admin, $"SELECT xact_commit FROM pg_stat_database WHERE datname = '{name}'"), CultureInfo.InvariantCulture);
                    });
            }
            if (pgbench.Count > 0) pgbenchTps = pgbench.Average();

            if (!options.SkipFailover)
            {
                await using var database = await ScratchDatabase.CreatePostgresAsync(admin, "httm_orleans_failover", options.Callers + 20);
                failover = await FailoverCase.RunAsync(database.ConnectionString, options.FailoverRounds);
            }
        }
        else Console.WriteLine("No --pg (nor HTTM_BENCH_PG / HTTM_TEST_PG): SQLite only, no pgbench ratio, no failover.");

        (Measurement Write, IReadOnlyList<Measurement> WriteWindows, Measurement Read)? sqlite = null;
        if (!options.SkipSqlite)
        {
            await using var file = ScratchDatabase.CreateSqlite();
            sqlite = await cases.RunAsync("sqlite", file.ConnectionString, () => Task.CompletedTask);
        }

        Console.WriteLine();
        Console.WriteLine($"| figure ({options.Callers} callers, {options.Seconds} s) | value |");
        Console.WriteLine("| --- | ---: |");
        if (postgres is { } pg)
        {
            Row($"PostgreSQL: grain calls/s, one WriteStateAsync each ({options.Seconds} s × {(pgbenchTps is null ? 1 : options.WriteRounds)} windows)", pg.Write.PerSecond);
            if (pgbenchTps is { } tps)
            {
                Row($"PostgreSQL: pgbench -b simple-update -c {options.Callers} tps (mean of {string.Join(", ", pgbench.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)))}, around the write windows)", tps);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **grain writes ÷ pgbench** (target ≥ 50 %) | **{pg.Write.PerSecond / tps:P0}** |"));
                // Each window against the two pgbench runs around it, to show how far the load moved within the run.
                var windows = pg.WriteWindows.Select((w, i) => i + 1 < pgbench.Count ? w.PerSecond / ((pgbench[i] + pgbench[i + 1]) / 2) : double.NaN);
                Console.WriteLine($"| each write window ÷ the pgbench runs before and after it | {string.Join(", ", windows.Select(r => r.ToString("P0", CultureInfo.InvariantCulture)))} |");
            }
            Row("PostgreSQL: grain calls/s, read-only", pg.Read.PerSecond);
        }
        if (sqlite is { } lite)
        {
            Row("SQLite: grain calls/s, one WriteStateAsync each", lite.Write.PerSecond);
            Row("SQLite: grain calls/s, read-only", lite.Read.PerSecond);
        }
        if (failover is { Count: > 0 })
        {
            var sorted = failover.Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| SIGKILL of a silo → its grains answer on the other, s ({sorted.Count} rounds, min / median / max) | {sorted[0]:F2} / {sorted[sorted.Count / 2]:F2} / {sorted[^1]:F2} |"));
        }
        Console.WriteLine($"load average at the end: {MachineCpu.LoadAverage()}");
        return Environment.ExitCode;
    }

    private static void Row(string name, double value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {value:N0} |"));

    private static string OrleansVersion() =>
        typeof(Grain).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+', ' ')[0].TrimEnd('.') ?? "?";

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    private static async Task<string> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }
}
