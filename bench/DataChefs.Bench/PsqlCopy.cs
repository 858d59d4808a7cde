using System.Diagnostics;
using Npgsql;

namespace HttmOrleans.DataChefs.Bench;

/// <summary>The baseline: <c>psql -c "\copy … FROM file CSV HEADER"</c> as a child process, timed from start to exit.</summary>
internal static class PsqlCopy
{
    public static async Task<TimeSpan> RunAsync(string connectionString, string table, string csvPath)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("psql") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--no-psqlrc");
        start.ArgumentList.Add("-v");
        start.ArgumentList.Add("ON_ERROR_STOP=1");
        start.ArgumentList.Add("-h");
        start.ArgumentList.Add(settings.Host ?? "127.0.0.1");
        start.ArgumentList.Add("-p");
        start.ArgumentList.Add(settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("-U");
        start.ArgumentList.Add(settings.Username ?? "postgres");
        start.ArgumentList.Add("-d");
        start.ArgumentList.Add(settings.Database!);
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"\\copy {table} FROM '{csvPath.Replace("'", "''", StringComparison.Ordinal)}' WITH (FORMAT csv, HEADER true)");
        if (settings.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("psql did not start; install postgresql-client.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        clock.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql \\copy failed ({process.ExitCode}): {await error}{await output}");
        }

        return clock.Elapsed;
    }
}
