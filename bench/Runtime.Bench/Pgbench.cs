using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace HttmOrleans.Runtime.Bench;

/// <summary>
/// Runs <c>pgbench -b simple-update</c> as a child process against a throwaway database: the
/// database server's own answer to "how many small write transactions per second can it do".
/// </summary>
internal static partial class Pgbench
{
    public static string? Locate(string? configured)
    {
        if (configured is not null) return File.Exists(configured) ? configured : null;
        var candidates = new[] { "/usr/lib/postgresql/17/bin/pgbench", "/usr/lib/postgresql/16/bin/pgbench", "/usr/lib/postgresql/15/bin/pgbench" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "pgbench")));
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Initialises a scale-1 pgbench database and runs the built-in simple-update script.</summary>
    public static async Task<Measurement> RunAsync(string executable, string connectionString, int clients, int seconds)
    {
        var logFolder = Directory.CreateTempSubdirectory("httm-pgbench-");
        try
        {
            var init = await RunProcessAsync(executable, connectionString, logFolder.FullName, ["-i", "-q", "-s", "1"]);
            if (init.ExitCode != 0) throw new InvalidOperationException($"pgbench -i failed: {init.Error.Trim()}");

            var threads = Math.Max(1, Math.Min(clients, Environment.ProcessorCount));
            var machineStart = MachineCpu.Read();
            var run = await RunProcessAsync(executable, connectionString, logFolder.FullName,
                ["-b", "simple-update", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", threads.ToString(CultureInfo.InvariantCulture),
                 "-T", seconds.ToString(CultureInfo.InvariantCulture), "-l", "--log-prefix", Path.Combine(logFolder.FullName, "tx")]);
            var busy = MachineCpu.Read().BusyPercentSince(machineStart);
            if (run.ExitCode != 0) throw new InvalidOperationException($"pgbench failed: {run.Error.Trim()}");

            var tps = TpsLine().Match(run.Output);
            if (!tps.Success) throw new InvalidOperationException($"pgbench printed no 'tps = ' line:\n{run.Output}");
            var processed = ProcessedLine().Match(run.Output);
            var failed = FailedLine().Match(run.Output);
            var latencies = ReadLatencies(logFolder.FullName);
            var tpsValue = double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture);
            var turns = processed.Success ? long.Parse(processed.Groups[1].Value, CultureInfo.InvariantCulture) : latencies.LongLength;
            // Report pgbench's own tps (it excludes connection set-up), expressed as turns over a duration.
            return new Measurement(turns, failed.Success ? long.Parse(failed.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
                tpsValue > 0 ? turns / tpsValue : seconds,
                LoadRunner.Percentile(latencies, 0.50), LoadRunner.Percentile(latencies, 0.99), double.NaN, busy, null);
        }
        finally
        {
            logFolder.Delete(recursive: true);
        }
    }

    /// <summary>Per-transaction latencies from pgbench's <c>-l</c> logs (third column, microseconds), as sorted Stopwatch ticks.</summary>
    private static long[] ReadLatencies(string folder)
    {
        var ticks = new List<long>();
        foreach (var file in Directory.EnumerateFiles(folder, "tx*"))
        {
            foreach (var line in File.ReadLines(file))
            {
                var fields = line.Split(' ');
                if (fields.Length >= 3 && long.TryParse(fields[2], CultureInfo.InvariantCulture, out var micros))
                    ticks.Add(micros * Stopwatch.Frequency / 1_000_000);
            }
        }
        var sorted = ticks.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunProcessAsync(string executable, string connectionString,
        string workingDirectory, IEnumerable<string> arguments)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add(builder.Database ?? "postgres");
        // libpq reads these, so no password ends up on a command line.
        start.Environment["PGHOST"] = builder.Host ?? "127.0.0.1";
        start.Environment["PGPORT"] = builder.Port.ToString(CultureInfo.InvariantCulture);
        if (builder.Username is { Length: > 0 } user) start.Environment["PGUSER"] = user;
        if (builder.Password is { Length: > 0 } password) start.Environment["PGPASSWORD"] = password;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"number of transactions actually processed: (\d+)")]
    private static partial Regex ProcessedLine();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex FailedLine();
}
