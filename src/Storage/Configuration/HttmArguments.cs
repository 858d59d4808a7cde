namespace HttmOrleans.Storage.Configuration;

/// <summary>
/// Reads a command line the way <c>AddCommandLine</c> will, but refuses what it would silently ignore:
/// an unknown option, an option without its value, a stray word.
/// </summary>
internal static class HttmArguments
{
    /// <summary>Options every generic host reads from its command line.</summary>
    private static readonly string[] GenericHostOptions = ["--environment", "--contentRoot", "--applicationName"];

    /// <summary><c>(true, null)</c> for <c>--help</c>; <c>(false, problem)</c> for the first argument that is refused.</summary>
    public static (bool Help, string? Problem) Check(IReadOnlyList<string> args, HttmUsage usage)
    {
        var known = new HashSet<string>(HttmConfiguration.Switches.Keys.Concat(GenericHostOptions).Concat(usage.Options), StringComparer.OrdinalIgnoreCase);
        if (args.Any(a => a is "--help" or "-h" or "-?" or "/?")) return (true, null);
        string? problem = null;
        for (var i = 0; i < args.Count && problem is null; i++)
        {
            var arg = args[i];
            var prefixed = arg.StartsWith('-') || arg.StartsWith('/');
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            if (!prefixed)
                problem = equals < 0 ? $"unexpected argument '{arg}'; options start with -- (see --help)" : null;
            else if (!IsKnown(name, known))
                problem = $"unknown option {name} (see --help)";
            else if (equals < 0 && (i + 1 == args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
                problem = $"option {name} needs a value (see --help)";
            else if (equals < 0)
                i++;
        }
        return (false, problem);
    }

    // A '/' prefix is AddCommandLine's spelling of '--'; any '--Section:Key' sets one setting.
    private static bool IsKnown(string name, HashSet<string> known)
    {
        var key = name.StartsWith('/') ? "--" + name[1..] : name;
        return known.Contains(key) || (key.StartsWith("--", StringComparison.Ordinal) && key.Length > 2 && key.Contains(':', StringComparison.Ordinal));
    }
}
