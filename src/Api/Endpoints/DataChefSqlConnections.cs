using System.Data.Common;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// The seed SQL body's connection: a provider name in the seed's words and a connection string that
/// may be a SQLAlchemy-style URL. Both become what the library's SQL source reads.
/// </summary>
internal static class DataChefSqlConnections
{
    /// <summary>
    /// The provider (<c>postgresql</c>, <c>sqlite</c>, or <c>mysql</c>/<c>mongodb</c>, which this build
    /// cannot serve) and the ADO.NET connection string; either may be null when the body gave neither.
    /// </summary>
    public static (string? Provider, string? ConnectionString) Normalize(string? provider, string? connectionString)
    {
        var given = provider?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "postgres" or "postgresql" or "pg" or "psql" or "npgsql" => "postgresql",
            "sqlite" or "sqlite3" => "sqlite",
            "mysql" or "mariadb" => "mysql",
            var other => other,
        };
        if (connectionString is null) return (given, null);
        var at = connectionString.IndexOf("://", StringComparison.Ordinal);
        var scheme = at > 0 ? connectionString[..at].ToLowerInvariant() : null;
        return scheme?.Split('+')[0] switch
        {
            "mysql" or "mariadb" => ("mysql", connectionString),
            "mongodb" => ("mongodb", connectionString),
            "sqlite" => (given ?? "sqlite", new DbConnectionStringBuilder { ["Data Source"] = SqlitePath(connectionString[(at + 3)..]) }.ConnectionString),
            "postgres" or "postgresql" => (given ?? "postgresql", FromPostgresUrl(connectionString[(at + 3)..]) ?? connectionString),
            _ => (given ?? Guess(connectionString), connectionString),
        };
    }

    // sqlite:///relative.db is relative, sqlite:////abs/path.db absolute (SQLAlchemy's convention).
    private static string SqlitePath(string afterScheme) =>
        Uri.UnescapeDataString(afterScheme.StartsWith("//", StringComparison.Ordinal) ? afterScheme[1..] : afterScheme.TrimStart('/'));

    private static string Guess(string connectionString)
    {
        var text = connectionString.ToLowerInvariant();
        return text.Contains("data source=", StringComparison.Ordinal) || text.Contains("filename=", StringComparison.Ordinal)
            || text.EndsWith(".db", StringComparison.Ordinal) || text.EndsWith(".sqlite", StringComparison.Ordinal)
            ? "sqlite" : "postgresql";
    }

    // Npgsql reads no URLs; a driver suffix (postgresql+psycopg2://) parses like the plain scheme.
    private static string? FromPostgresUrl(string afterScheme)
    {
        if (!Uri.TryCreate("postgresql://" + afterScheme, UriKind.Absolute, out var uri) || uri.Host.Length == 0) return null;
        var builder = new DbConnectionStringBuilder { ["Host"] = uri.Host };
        if (uri.Port > 0) builder["Port"] = uri.Port;
        if (uri.AbsolutePath.Trim('/') is { Length: > 0 } database) builder["Database"] = Uri.UnescapeDataString(database);
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder["Username"] = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0) builder["Password"] = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        return builder.ConnectionString;
    }
}
