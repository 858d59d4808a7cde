namespace HttmOrleans.Grains;

/// <summary>What a version or id may be called: safe in URLs, keys and file names.</summary>
public static class VersionNames
{
    /// <summary>1–64 of letters, digits, '.', '_', '-', not starting with '.'.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= 64 } && name[0] != '.'
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
