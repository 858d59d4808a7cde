using System.Globalization;

namespace HttmOrleans.DataChefs.Bench;

/// <summary>
/// Command line: <c>--rows 1000000[,10000000]</c>, <c>--pg "Host=…;Username=…"</c> (else HTTM_TEST_PG),
/// <c>--batch 5000</c>, <c>--repeat 1</c> (each timing is the best of that many runs); <c>--import-memory</c> measures
/// dataset imports over HTTP instead (SQLite, and PostgreSQL when one is named).
/// </summary>
internal sealed record BenchOptions(IReadOnlyList<long> Rows, string PostgresAdmin, int BatchSize, int Repeat, bool ImportMemory = false)
{
    public static BenchOptions Parse(string[] args)
    {
        IReadOnlyList<long> rows = [1_000_000];
        var postgres = Environment.GetEnvironmentVariable("HTTM_TEST_PG");
        var batch = 5_000;
        var repeat = 1;
        var importMemory = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--import-memory")
            {
                importMemory = true;
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--rows":
                    rows = [.. value.Split(',').Select(v => long.Parse(v.Replace("_", string.Empty), CultureInfo.InvariantCulture))];
                    break;
                case "--pg":
                    postgres = value;
                    break;
                case "--batch":
                    batch = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--repeat":
                    repeat = Math.Max(1, int.Parse(value, CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}; use --rows N[,N…], --pg CONNECTION, --batch N, --repeat N, --import-memory.");
            }

            i++;
        }

        if (string.IsNullOrWhiteSpace(postgres) && !importMemory)
        {
            throw new ArgumentException("Name a PostgreSQL server: --pg \"Host=127.0.0.1;Port=5432;Username=postgres\" or set HTTM_TEST_PG.");
        }

        return new BenchOptions(rows, postgres ?? string.Empty, batch, repeat, importMemory);
    }
}
