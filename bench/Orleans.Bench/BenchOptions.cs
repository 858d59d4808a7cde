using System.Globalization;

namespace HttmOrleans.OrleansBench;

/// <summary>Command-line settings of the Orleans benchmark.</summary>
internal sealed record BenchOptions(
    string? Postgres,
    int Seconds,
    int WarmupSeconds,
    int Callers,
    int KeysPerCaller,
    int FailoverRounds,
    int WriteRounds,
    bool FixedWarmup,
    string? Pgbench,
    bool SkipSqlite,
    bool SkipFailover,
    bool Profile)
{
    public const string Usage = """
        Orleans.Bench [--pg "Host=127.0.0.1;Port=55432;Username=postgres"] [--seconds 10] [--warmup 3] [--callers 16]
                      [--keys-per-caller 64] [--rounds 3] [--write-rounds 2] [--fixed-warmup] [--quick] [--no-sqlite] [--no-failover] [--profile] [--pgbench /path/to/pgbench]
          --pg       admin connection string (default HTTM_BENCH_PG, then HTTM_TEST_PG); the bench creates and drops its own databases
          --write-rounds  PostgreSQL write windows, each between two pgbench runs (pgbench, writes, pgbench, writes, pgbench)
          --fixed-warmup  warm up exactly --warmup seconds, not also until the JIT is quiet (to see what that changes)
          --quick    3 s windows, 1 s warm-up, 1 failover round, 1 write round
          --profile  also count the Npgsql commands and PostgreSQL transactions of 2,000 sequential grain writes
        """;

    /// <summary>The parsed options, or null after printing the problem and the usage (or for --help).</summary>
    public static BenchOptions? Parse(string[] args, out bool help)
    {
        help = false;
        var options = new BenchOptions(
            Environment.GetEnvironmentVariable("HTTM_BENCH_PG") is { Length: > 0 } bench ? bench : Environment.GetEnvironmentVariable("HTTM_TEST_PG") is { Length: > 0 } test ? test : null,
            10, 3, 16, 64, 3, 2, false, null, false, false, false);
        for (var n = 0; n < args.Length; n++)
        {
            string Next() => n + 1 < args.Length ? args[++n] : throw new ArgumentException($"{args[n]} needs a value.");
            int NextInt(int min)
            {
                var name = args[n];
                var value = int.Parse(Next(), CultureInfo.InvariantCulture);
                return value >= min ? value : throw new ArgumentException($"{name} must be at least {min}.");
            }

            try
            {
                options = args[n] switch
                {
                    "--pg" => options with { Postgres = Next() },
                    "--seconds" => options with { Seconds = NextInt(1) },
                    "--warmup" => options with { WarmupSeconds = NextInt(0) },
                    "--callers" => options with { Callers = NextInt(1) },
                    "--keys-per-caller" => options with { KeysPerCaller = NextInt(1) },
                    "--rounds" => options with { FailoverRounds = NextInt(1) },
                    "--write-rounds" => options with { WriteRounds = NextInt(1) },
                    "--fixed-warmup" => options with { FixedWarmup = true },
                    "--quick" => options with { Seconds = 3, WarmupSeconds = 1, FailoverRounds = 1, WriteRounds = 1 },
                    "--no-sqlite" => options with { SkipSqlite = true },
                    "--no-failover" => options with { SkipFailover = true },
                    "--pgbench" => options with { Pgbench = Next() },
                    "--profile" => options with { Profile = true },
                    "--help" or "-h" => null,
                    _ => throw new ArgumentException($"Unknown argument {args[n]}."),
                };
                help = options is null;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                Console.Error.WriteLine(e.Message);
                options = null;
            }

            if (options is null)
            {
                Console.Error.WriteLine(Usage);
                return null;
            }
        }

        return options;
    }
}
