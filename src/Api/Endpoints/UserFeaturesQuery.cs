namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// Reads request-time user features, <c>user_features=gender=F,age=31</c>: pairs split on ',' then at their first '='
/// (so a value may itself hold '='), names and values trimmed, empty pieces skipped. A piece without a name or a value
/// makes the whole parameter unreadable (400), rather than being dropped unseen.
/// </summary>
internal static class UserFeaturesQuery
{
    /// <summary>More pairs than any user profile needs; a longer list is a mistake or an attack on the encoder.</summary>
    public const int MaxPairs = 256;

    public static bool TryParse(string? text, out IReadOnlyList<KeyValuePair<string, string>>? pairs, out string? error)
    {
        pairs = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var list = new List<KeyValuePair<string, string>>();
        foreach (var piece in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = piece.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? piece[..equals].Trim() : "";
            var value = equals > 0 ? piece[(equals + 1)..].Trim() : "";
            if (name.Length == 0 || value.Length == 0)
            {
                error = $"'{(piece.Length > 100 ? piece[..100] + "…" : piece)}' is not name=value (e.g. user_features=gender=F,age=31).";
                return false;
            }

            list.Add(new(name, value));
        }

        if (list.Count > MaxPairs)
        {
            error = $"At most {MaxPairs} features.";
            return false;
        }

        pairs = list.Count == 0 ? null : list;
        return true;
    }
}
