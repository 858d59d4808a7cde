using System.Text.RegularExpressions;

namespace HttmOrleans.Summarization.Serving;

/// <summary>
/// A language-neutral sentence splitter: line breaks, and ., !, ?, … followed by space and a
/// capital letter, digit or opening quote. Good enough for lead-k and for ROUGE-Lsum's one
/// sentence per line; not a linguistic tool (abbreviations such as "Mr. Smith" split).
/// </summary>
public static partial class SentenceSplitter
{
    [GeneratedRegex(@"(?<=[.!?…][""'”’)\]]?)\s+(?=[\p{Lu}\p{Lt}\p{N}""'“‘(\[])")]
    private static partial Regex Boundary();

    /// <summary>The sentences of <paramref name="text"/>, trimmed, empty ones dropped.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split('\n')
            .SelectMany(line => Boundary().Split(line))
            .Select(s => s.Trim())
            .Where(s => s.Length > 0)
            .ToList();
    }

    /// <summary>The sentences joined by newlines: the layout ROUGE-Lsum expects.</summary>
    public static string OnePerLine(string text) => string.Join('\n', Split(text));
}
