namespace HttmOrleans.DataChefs.Definitions;

/// <summary>
/// Keeps server-path sources inside the data root: the path is made absolute, every
/// symbolic link along it is followed, and the result must still lie under the (equally
/// resolved) root. "..", absolute paths elsewhere and links pointing out are all refused.
/// </summary>
public static class DataRootGuard
{
    /// <summary>Resolves <paramref name="requested"/> inside <paramref name="dataRoot"/>.</summary>
    /// <returns>False with a reason when the path is outside the root or no root is configured.</returns>
    public static bool TryResolve(string? dataRoot, string requested, out string fullPath, out string reason)
    {
        fullPath = string.Empty;
        if (string.IsNullOrWhiteSpace(dataRoot))
        {
            reason = "This server has no data root configured, so server paths are refused; upload the file instead.";
            return false;
        }

        if (string.IsNullOrWhiteSpace(requested) || requested.Contains('\0', StringComparison.Ordinal))
        {
            reason = "The path is empty or malformed.";
            return false;
        }

        var root = WithTrailingSeparator(RealPath(Path.GetFullPath(dataRoot)));
        var candidate = RealPath(Path.GetFullPath(requested, root));
        if (!candidate.StartsWith(root, StringComparison.Ordinal))
        {
            reason = "The path is outside the data root.";
            return false;
        }

        fullPath = candidate;
        reason = string.Empty;
        return true;
    }

    /// <summary>Like <see cref="TryResolve"/> but throws <see cref="SourceValidationException"/>.</summary>
    public static string Resolve(string? dataRoot, string requested, string field = "path")
    {
        if (!TryResolve(dataRoot, requested, out var full, out var reason))
        {
            throw new SourceValidationException([new SourceValidationError(field, reason)]);
        }

        return full;
    }

    // Walks the path one component at a time so a link anywhere (a folder or the file itself)
    // is replaced by its final target before the prefix check.
    private static string RealPath(string fullPath)
    {
        var rootPart = Path.GetPathRoot(fullPath) ?? "/";
        var parts = fullPath[rootPart.Length..].Split(
            [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        var current = rootPart;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                next = target is null ? next : RealPath(Path.GetFullPath(target.FullName));
            }

            current = next;
        }

        return current;
    }

    private static string WithTrailingSeparator(string path) =>
        path.EndsWith(Path.DirectorySeparatorChar) ? path : path + Path.DirectorySeparatorChar;
}
