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
        var summary = new List<string>();

        double? pgbenchTps = null;
        (Measurement Write, Measurement Read)? postgres = null;
        List<double>? failover = null;
        if (options.Postgres is { } admin)
        {
            Console.WriteLine($"postgres: {await ScalarAsync(admin, "SHOW server_version")}, synchronous_commit={await ScalarAsync(admin, "SHOW synchronous_commit")}, " +
                $"shared_buffers={await ScalarAsync(admin, "SHOW shared_buffers")}, max_connections={await ScalarAsync(admin, "SHOW max_connections")}");
            if (Pgbench.Locate(options.Pgbench) is { } executable)
            {
                await using var scratch = await ScratchDatabase.CreatePostgresAsync(admin, "httm_pgbench", 4);
                await ScalarAsync(admin, "CHECKPOINT");
                var result = await Pgbench.RunAsync(executable, scratch.ConnectionString, options.Callers, options.Seconds);
                pgbenchTps = result.PerSecond;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  postgres pgbench -b simple-update -c {options.Callers} -j 2 -T {options.Seconds}: {result.PerSecond:N0} tps, latency average {result.P50Ms:F2} ms, machine busy {result.MachineBusyPercent:F0} %"));
            }
            else Console.WriteLine("pgbench not found (looked in /usr/lib/postgresql/*/bin and PATH; --pgbench sets it): no ratio.");

            await using (var database = await ScratchDatabase.CreatePostgresAsync(admin, "httm_orleans_bench", options.Callers + 20))
            {
                Console.WriteLine($"  grain storage pool: Maximum Pool Size={new NpgsqlConnectionStringBuilder(database.ConnectionString).MaxPoolSize} for {options.Callers} callers");
                postgres = await cases.RunAsync("postgres", database.ConnectionString, () => ScalarAsync(admin, "CHECKPOINT"));
            }

            if (!options.SkipFailover)
            {
                await using var database = await ScratchDatabase.CreatePostgresAsync(admin, "httm_orleans_failover", options.Callers + 20);
                failover = await FailoverCase.RunAsync(database.ConnectionString, options.FailoverRounds);
            }
        }
        else Console.WriteLine("No --pg (nor HTTM_BENCH_PG / HTTM_TEST_PG): SQLite only, no pgbench ratio, no failover.");

        (Measurement Write, Measurement Read)? sqlite = null;
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
            Row("PostgreSQL: grain calls/s, one WriteStateAsync each", pg.Write.PerSecond);
            if (pgbenchTps is { } tps)
            {
                Row("PostgreSQL: pgbench -b simple-update tps", tps);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **grain writes ÷ pgbench** (target ≥ 50 %) | **{pg.Write.PerSecond / tps:P0}** |"));
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
        typeof(Grain).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";

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
