namespace HttmOrleans.DataChefs.Sql;

/// <summary>
/// A SQLite <c>Data Source</c> as the file it names: SQLite also opens <c>file:</c> URIs
/// (<c>file:db.sqlite?mode=ro</c>, <c>file:///abs/db.sqlite</c>), so those are read the way SQLite
/// reads them before the path is checked; the source then opens the plain resolved path.
/// </summary>
internal static class SqliteFiles
{
    public static bool TryPath(string dataSource, out string path, out string reason)
    {
        path = dataSource.Trim();
        reason = string.Empty;
        if (!path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var rest = path[5..];
        var end = rest.IndexOfAny(['?', '#']);
        rest = end >= 0 ? rest[..end] : rest;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = rest.IndexOf('/', 2);
            var authority = slash < 0 ? rest[2..] : rest[2..slash];
            if (authority.Length > 0 && !authority.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                reason = "A file: URI must not name another host.";
                return false;
            }

            rest = slash < 0 ? string.Empty : rest[slash..];
        }

        path = Uri.UnescapeDataString(rest);
        if (path.Length == 0 || path == ":memory:")
        {
            reason = "A SQLite source must name a database file.";
            return false;
        }

        return true;
    }
}
