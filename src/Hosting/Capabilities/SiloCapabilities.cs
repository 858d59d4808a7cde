using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace HttmOrleans.Hosting.Capabilities;

/// <summary>The comma list a silo advertises (<c>cpu,gpu</c>) and the metadata keys it is published under.</summary>
public static partial class SiloCapabilities
{
    /// <summary>Silo metadata key holding the comma-separated capabilities.</summary>
    public const string MetadataKey = "capabilities";

    /// <summary>Silo metadata key holding the role (<c>silo</c> or <c>api</c>).</summary>
    public const string RoleKey = "role";

    /// <summary>True for a lower-case name: letters, digits, '-' or '_'.</summary>
    public static bool IsName(string? value) => value is { Length: > 0 } && NamePattern().IsMatch(value);

    /// <summary>Parses <c>cpu, GPU</c> into <c>[cpu, gpu]</c> (trimmed, lower-case, no duplicates).</summary>
    public static bool TryParse(string? list, [NotNullWhen(true)] out IReadOnlyList<string>? capabilities, [NotNullWhen(false)] out string? problem)
    {
        capabilities = null;
        var parts = (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToLowerInvariant()).Distinct().ToList();
        if (parts.Count == 0)
        {
            problem = "must name at least one capability, e.g. cpu";
            return false;
        }
        if (parts.FirstOrDefault(p => !IsName(p)) is { } bad)
        {
            problem = $"'{bad}' is not a capability name (letters, digits, '-' or '_')";
            return false;
        }
        capabilities = parts;
        problem = null;
        return true;
    }

    /// <summary>The capabilities in a metadata value; an absent or malformed value has none.</summary>
    public static IReadOnlyList<string> FromMetadata(string? value) => TryParse(value, out var parsed, out _) ? parsed : [];

    [GeneratedRegex("^[a-z0-9_-]+$")]
    private static partial Regex NamePattern();
}
