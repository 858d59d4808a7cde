namespace HttmOrleans.Storage.Configuration;

/// <summary>
/// The front door of every HttmOrleans program: <c>--help</c>, refusing what the command line would
/// silently ignore, the settings it cannot start without, and start-up failures a user causes turned
/// into one line on stderr.
/// </summary>
public static class HttmCommandLine
{
    /// <summary>Exit code of a bad or missing setting, an unknown option, an unreachable database, a port in use.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Runs <paramref name="host"/> (which builds and runs the program's host) unless the command line
    /// asks for help or is refused. Returns the process exit code: 0 after help or a normal stop,
    /// <see cref="UsageError"/> after one line <c>name: message</c> on stderr. Crashes are not caught.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, HttmUsage usage, Func<Task> host)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(host);
        var (help, problem) = HttmArguments.Check(args, usage);
        if (help)
        {
            await Console.Out.WriteAsync(usage.Text);
            return 0;
        }
        try
        {
            problem ??= HttmSettingsCheck.Problem(args, usage);
            if (problem is null)
            {
                await host();
                return 0;
            }
        }
        catch (Exception e) when (HttmStartupFailure.Describe(e) is { } line)
        {
            problem = line;
        }
        await Console.Error.WriteLineAsync($"{usage.Name}: {problem}");
        return UsageError;
    }
}
