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

    /// <summary>
    /// Resolves a server-path source's file: relative to the data root, every link followed, and the
    /// result inside the source folder (<see cref="SourceEnvironment.SourceDirectory"/>, or the data root
    /// when none is set) or, with <paramref name="allowUploads"/>, the upload folder, and never one of the
    /// <see cref="SourceEnvironment.ProtectedFiles"/> or their <c>-wal</c>, <c>-shm</c> and <c>-journal</c> files.
    /// </summary>
    public static bool TryResolveSource(SourceEnvironment environment, string requested, bool allowUploads, out string fullPath, out string reason)
    {
        if (!TryResolve(environment.DataRoot, requested, out fullPath, out reason))
        {
            return false;
        }

        var roots = new List<string> { environment.SourceDirectory ?? environment.DataRoot! };
        if (allowUploads && environment.UploadRoot is { } uploads)
        {
            roots.Add(uploads);
        }

        var candidate = fullPath;
        if (!roots.Any(r => candidate.StartsWith(WithTrailingSeparator(RealPath(Path.GetFullPath(r))), StringComparison.Ordinal)))
        {
            fullPath = string.Empty;
            reason = environment.SourceDirectory is null
                ? "The path is outside the data root."
                : "The path is outside the folder data chefs read server files from (Httm:DataChefs:SourceDirectory, by default 'sources' in the data folder"
                  + (allowUploads ? ", or an upload" : "") + ").";
            return false;
        }

        foreach (var file in environment.ProtectedFiles)
        {
            var own = RealPath(Path.GetFullPath(file));
            if (candidate == own || candidate.StartsWith(own + "-", StringComparison.Ordinal))
            {
                fullPath = string.Empty;
                reason = "The path is this server's own database, which data chefs may not read.";
                return false;
            }
        }

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
