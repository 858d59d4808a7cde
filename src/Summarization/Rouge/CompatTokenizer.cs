namespace HttmOrleans.Summarization.Rouge;

/// <summary>
/// The tokenizer of Google's <c>rouge-score</c>: lower-case, every run of characters outside
/// <c>[a-z0-9]</c> becomes a space, and with stemming the Porter stemmer is applied to tokens
/// longer than 3 characters. Non-English letters vanish, which is why
/// <see cref="UnicodeTokenizer"/> is the default for other languages.
/// </summary>
public sealed class CompatTokenizer(bool useStemmer = false) : IRougeTokenizer
{
    /// <summary>Whether tokens longer than 3 characters are Porter-stemmed.</summary>
    public bool UseStemmer { get; } = useStemmer;

    /// <inheritdoc />
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            var keep = i < lower.Length && lower[i] is (>= 'a' and <= 'z') or (>= '0' and <= '9');
            if (keep && start < 0)
            {
                start = i;
            }
            else if (!keep && start >= 0)
            {
                var token = lower[start..i];
                tokens.Add(UseStemmer && token.Length > 3 ? PorterStemmer.Stem(token) : token);
                start = -1;
            }
        }
        return tokens;
    }
}
