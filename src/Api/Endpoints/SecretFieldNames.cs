namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// Which field names hold secrets in grain state shown to admins. Matched by whole words of the name
/// (<c>access_token</c>, <c>passwordHash</c>, <c>Connection-String</c>), not by substring: a trainer's
/// <c>tokens_per_second</c> or a summarizer's <c>max_tokens</c> is a figure, not a credential.
/// </summary>
internal static class SecretFieldNames
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pwd", "passphrase", "token", "secret", "apikey", "authorization", "credential", "credentials",
        "connectionstring", "signingkey", "accesskey", "privatekey", "hash", "salt", "cookie",
    };

    /// <summary>Two-word names whose words alone are innocent (<c>key</c>, <c>string</c>).</summary>
    private static readonly HashSet<string> Pairs = new(StringComparer.OrdinalIgnoreCase)
    {
        "api key", "connection string", "signing key", "private key", "access key", "client secret", "secret key",
    };

    public static bool IsSecret(string name)
    {
        var words = Split(name);
        for (var i = 0; i < words.Count; i++)
        {
            if (Words.Contains(words[i])) return true;
            if (i > 0 && Pairs.Contains(words[i - 1] + " " + words[i])) return true;
        }

        return false;
    }

    /// <summary><c>apiKey</c>, <c>api_key</c>, <c>API-Key</c> → <c>api</c>, <c>key</c>.</summary>
    private static List<string> Split(string name)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var boundary = !char.IsLetterOrDigit(c)
                || (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))));
            if (boundary && current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }

            if (char.IsLetterOrDigit(c)) current.Append(c);
        }

        if (current.Length > 0) words.Add(current.ToString());
        return words;
    }
}
