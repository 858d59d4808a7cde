using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace HttmOrleans.OrleansBench;

/// <summary>
/// <c>pgbench -b simple-update</c> as a child process on its own scratch database: the server's own
/// answer to "how many small write transactions a second", the reference for the grain writes.
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

    /// <summary><c>pgbench -i -s 1</c>, then <c>-b simple-update -c clients -j 2 -T seconds</c>; pgbench's own tps.</summary>
    public static async Task<Measurement> RunAsync(string executable, string connectionString, int clients, int seconds)
    {
        var init = await RunProcessAsync(executable, connectionString, ["-i", "-q", "-s", "1"]);
        if (init.ExitCode != 0) throw new InvalidOperationException($"pgbench -i failed: {init.Error.Trim()}");

        var machineStart = MachineCpu.Read();
        var run = await RunProcessAsync(executable, connectionString,
            ["-b", "simple-update", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(2, clients).ToString(CultureInfo.InvariantCulture),
             "-T", seconds.ToString(CultureInfo.InvariantCulture)]);
        var busy = MachineCpu.Read().BusyPercentSince(machineStart);
        if (run.ExitCode != 0) throw new InvalidOperationException($"pgbench failed: {run.Error.Trim()}");

        var tps = TpsLine().Match(run.Output);
        if (!tps.Success) throw new InvalidOperationException($"pgbench printed no 'tps = ' line:\n{run.Output}");
        var tpsValue = double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture);
        var processed = ProcessedLine().Match(run.Output);
        var calls = processed.Success ? long.Parse(processed.Groups[1].Value, CultureInfo.InvariantCulture) : (long)(tpsValue * seconds);
        var latency = LatencyLine().Match(run.Output);
        var average = latency.Success ? double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
        // pgbench's tps (connection set-up excluded) expressed as calls over a duration; it prints a mean latency, no percentiles.
        return new Measurement(calls, 0, tpsValue > 0 ? calls / tpsValue : seconds, average, double.NaN, double.NaN, busy, null);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunProcessAsync(string executable, string connectionString, IEnumerable<string> arguments)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
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

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex LatencyLine();
}
