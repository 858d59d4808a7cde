using System.Globalization;

namespace HttmOrleans.Runtime.Bench;

/// <summary>Command-line settings of the runtime benchmark.</summary>
internal sealed record BenchOptions(
    string? Postgres,
    int Seconds,
    int WarmupSeconds,
    int Concurrency,
    int Keys,
    int Seed,
    bool Profile,
    bool SkipSqlite,
    string? Pgbench)
{
    public const string Usage = """
        Runtime.Bench [--pg "Host=127.0.0.1;Port=5433;Username=postgres"] [--seconds 10] [--warmup 2] [--concurrency 16]
                      [--keys 10000] [--seed 42] [--profile] [--no-sqlite] [--pgbench /path/to/pgbench]
          --pg        admin connection string; the bench creates and drops its own databases there
          --profile   also run hand-written Npgsql turns (same SQL, no runtime) and count statements per turn
        """;

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions(null, 10, 2, 16, 10_000, 42, false, false, null);
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
                    "--concurrency" => options with { Concurrency = NextInt(1) },
                    "--keys" => options with { Keys = NextInt(1) },
                    "--seed" => options with { Seed = NextInt(int.MinValue) },
                    "--profile" => options with { Profile = true },
                    "--no-sqlite" => options with { SkipSqlite = true },
                    "--pgbench" => options with { Pgbench = Next() },
                    "--help" or "-h" => null,
                    _ => throw new ArgumentException($"Unknown argument {args[n]}."),
                };
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
