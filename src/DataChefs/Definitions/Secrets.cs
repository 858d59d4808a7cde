using System.Data.Common;

namespace HttmOrleans.DataChefs.Definitions;

/// <summary>Redaction of secrets inside connection strings, URLs and headers.</summary>
public static class Secrets
{
    /// <summary>What a redacted secret reads as.</summary>
    public const string Mask = "***";

    private static readonly string[] SecretWords =
        ["password", "pwd", "secret", "token", "key", "auth", "cookie", "session", "signature", "credential"];

    /// <summary>Whether a header, query parameter or connection-string key names a secret.</summary>
    public static bool IsSecretName(string name)
    {
        foreach (var word in SecretWords)
        {
            if (name.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Replaces the password (and any other secret-named key) inside an ADO.NET connection
    /// string, keeping host, database and user readable. An unparseable string is masked whole.
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

        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in builder.Keys.Cast<string>().ToList())
            {
                if (IsSecretName(key))
                {
                    builder[key] = Mask;
                }
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return Mask;
        }
    }

    /// <summary>Masks the password in a URL's user info and secret-named query parameters.</summary>
    public static string RedactUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return url ?? string.Empty;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return Mask;
        }

        var builder = new UriBuilder(uri);
        if (!string.IsNullOrEmpty(builder.Password))
        {
            builder.Password = Mask;
        }

        if (builder.Query.Length > 1)
        {
            var parts = builder.Query.TrimStart('?').Split('&');
            for (var i = 0; i < parts.Length; i++)
            {
                var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && IsSecretName(Uri.UnescapeDataString(parts[i][..eq])))
                {
                    parts[i] = parts[i][..(eq + 1)] + Mask;
                }
            }

            builder.Query = string.Join('&', parts);
        }

        return builder.Uri.AbsoluteUri;
    }

    /// <summary>Masks a secret value unless it is absent.</summary>
    public static string? MaskValue(string? value) => string.IsNullOrEmpty(value) ? value : Mask;
}
