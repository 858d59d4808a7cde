using System.Data.Common;

namespace HttmOrleans.DataChefs.Definitions;

/// <summary>
/// Redaction by structure, not by name: a connection string keeps only the keys known to be harmless
/// (host, port, database, user, file), a URL only its scheme, host, port and path, headers only
/// <c>Accept</c> and <c>Content-Type</c>. Whatever a key is called, everything else reads <see cref="Mask"/>.
/// </summary>
public static class Secrets
{
    /// <summary>What a redacted secret reads as.</summary>
    public const string Mask = "***";

    // The shortest value scrubbed out of free text: shorter ones ("1", "id") would garble messages.
    private const int ShortestScrubbed = 3;

    private static readonly HashSet<string> PlainConnectionKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "server", "port", "database", "db", "initial catalog", "username", "user name", "user id", "userid", "user", "uid",
        "data source", "datasource", "filename", "mode",
    };

    private static readonly char[] WordBreaks = [' ', '\t', '=', ',', ';', '&', '"', '\''];

    private static readonly HashSet<string> PlainHeaders = new(StringComparer.OrdinalIgnoreCase) { "Accept", "Content-Type" };

    /// <summary>Whether a header's value may be shown (only <c>Accept</c> and <c>Content-Type</c>).</summary>
    public static bool IsPlainHeader(string name) => PlainHeaders.Contains(name.Trim());

    /// <summary>
    /// An ADO.NET connection string with every value masked but those of host, port, database,
    /// user and file keys; a URL-style string as <see cref="RedactUrl"/>; an unreadable one masked whole.
    /// </summary>
    public static string RedactConnectionString(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return connectionString ?? string.Empty;
        }

        if (connectionString.Contains("://", StringComparison.Ordinal))
        {
            return RedactUrl(connectionString);
        }

        if (ParseConnectionString(connectionString) is not { } builder)
        {
            return Mask;
        }

        foreach (var key in builder.Keys.Cast<string>().ToList())
        {
            if (!PlainConnectionKeys.Contains(key))
            {
                builder[key] = Mask;
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// <c>scheme://host:port/path</c>, with the user info, every query value and the fragment masked;
    /// anything that is not an absolute URL is masked whole.
    /// </summary>
    public static string RedactUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return url ?? string.Empty;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc || string.IsNullOrEmpty(uri.Host))
        {
            return Mask;
        }

        var userInfo = uri.UserInfo.Length > 0 ? Mask + "@" : string.Empty;
        var server = uri.Authority;
        var query = QueryParts(uri).Select(p => p.Name is null ? Mask : p.Name + "=" + Mask).ToList();
        return $"{uri.Scheme}://{userInfo}{server}{uri.AbsolutePath}"
            + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty)
            + (uri.Fragment.Length > 1 ? "#" + Mask : string.Empty);
    }

    /// <summary>A header value as it may be shown.</summary>
    public static string RedactHeader(string name, string value) => IsPlainHeader(name) ? value : Mask;

    /// <summary>Masks a secret value unless it is absent.</summary>
    public static string? MaskValue(string? value) => string.IsNullOrEmpty(value) ? value : Mask;

    /// <summary>Every value <see cref="RedactConnectionString"/> hides, the whole string included.</summary>
    public static void CollectConnectionString(string? connectionString, ICollection<string> secrets)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return;
        }

        secrets.Add(connectionString);
        if (connectionString.Contains("://", StringComparison.Ordinal))
        {
            CollectUrl(connectionString, secrets);
            return;
        }

        if (ParseConnectionString(connectionString) is not { } builder)
        {
            return;
        }

        foreach (var key in builder.Keys.Cast<string>())
        {
            if (!PlainConnectionKeys.Contains(key) && builder[key]?.ToString() is { } value)
            {
                secrets.Add(value);
            }
        }
    }

    /// <summary>Every value <see cref="RedactUrl"/> hides (user info, password, query values, fragment), the whole URL included.</summary>
    public static void CollectUrl(string? url, ICollection<string> secrets)
    {
        if (string.IsNullOrEmpty(url))
        {
            return;
        }

        secrets.Add(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return;
        }

        secrets.Add(uri.AbsoluteUri);
        if (uri.UserInfo.Length > 0)
        {
            secrets.Add(uri.UserInfo);
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                secrets.Add(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var (_, value) in QueryParts(uri))
        {
            secrets.Add(value);
        }

        if (uri.Fragment.Length > 1)
        {
            secrets.Add(uri.Fragment[1..]);
        }
    }

    /// <summary>
    /// <paramref name="text"/> with every known secret value (raw, URL-escaped and URL-unescaped) replaced by
    /// <see cref="Mask"/>, longest first so a whole connection string goes before its password.
    /// </summary>
    public static string Scrub(string? text, IEnumerable<string> secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var forms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret))
            {
                continue;
            }

            forms.Add(secret);
            forms.Add(Uri.EscapeDataString(secret));
            forms.Add(Uri.UnescapeDataString(secret));

            // A driver may quote a part of a value (PostgreSQL echoes one setting out of Options): each word counts too.
            foreach (var word in secret.Split(WordBreaks, StringSplitOptions.RemoveEmptyEntries))
            {
                forms.Add(word);
            }
        }

        foreach (var form in forms.Where(f => f.Length >= ShortestScrubbed && f != Mask).OrderByDescending(f => f.Length))
        {
            text = text.Replace(form, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The raw query's parts: <c>(name, value)</c>, or <c>(null, part)</c> for a part with no <c>=</c>.</summary>
    public static IEnumerable<(string? Name, string Value)> QueryParts(Uri uri)
    {
        foreach (var part in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            yield return eq < 0 ? (null, part) : (part[..eq], part[(eq + 1)..]);
        }
    }

    /// <summary>The connection string's keys and values, or null when it cannot be read.</summary>
    public static DbConnectionStringBuilder? ParseConnectionString(string connectionString)
    {
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
