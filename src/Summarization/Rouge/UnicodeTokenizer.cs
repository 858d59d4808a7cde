using System.Text;
using System.Globalization;

namespace HttmOrleans.Summarization.Rouge;

/// <summary>
/// The default tokenizer for Vietnamese and other languages: NFC-normalises (so a precomposed
/// "ế" and "e" + combining marks are the same token), lower-cases, keeps diacritics and splits on
/// word boundaries in the spirit of Unicode UAX #29: a word is a run of letters, marks and
/// digits; an apostrophe between letters ("don't") and a point or comma between digits
/// ("3.14", "1,000") stay inside the word; every ideograph or kana is a word of its own.
/// Underscores split, so "Hà_Nội" from a Vietnamese word segmenter scores the same as the
/// unsegmented "Hà Nội": ViT5 and most Vietnamese ROUGE reports count syllables.
/// </summary>
public sealed class UnicodeTokenizer(bool useStemmer = false) : IRougeTokenizer
{
    /// <summary>Whether pure a–z tokens longer than 3 characters are Porter-stemmed (English text).</summary>
    public bool UseStemmer { get; } = useStemmer;

    /// <inheritdoc />
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = Nfc.Normalize(text).ToLowerInvariant();
        var tokens = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                var pair = s.Substring(i, 2);
                i++;
                if (char.IsLetterOrDigit(pair, 0))
                    current.Append(pair);
                else
                    Flush(tokens, current);
                continue;
            }
            if (IsIdeographic(c))
            {
                Flush(tokens, current);
                tokens.Add(c.ToString());
                continue;
            }
            if (IsWordChar(c))
            {
                current.Append(c);
                continue;
            }
            if (current.Length > 0 && i + 1 < s.Length && JoinsInside(current[^1], c, s[i + 1]))
            {
                current.Append(c);
                continue;
            }
            Flush(tokens, current);
        }
        Flush(tokens, current);
        return tokens;
    }

    private void Flush(List<string> tokens, StringBuilder current)
    {
        if (current.Length == 0)
            return;
        var token = current.ToString();
        current.Clear();
        if (UseStemmer && token.Length > 3 && token.All(ch => ch is >= 'a' and <= 'z'))
            token = PorterStemmer.Stem(token);
        tokens.Add(token);
    }

    private static bool IsWordChar(char c)
    {
        if (c == '_')
            return false;
        var category = char.GetUnicodeCategory(c);
        return char.IsLetterOrDigit(c)
            || category is UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark
                or UnicodeCategory.LetterNumber
                or UnicodeCategory.OtherNumber;
    }

    private static bool JoinsInside(char before, char c, char after)
    {
        if (c is '\'' or '\u2019')
            return char.IsLetter(before) && char.IsLetter(after);
        if (c is '.' or ',')
            return char.IsDigit(before) && char.IsDigit(after);
        return false;
    }

    private static bool IsIdeographic(char c) =>
        c is (>= '\u3040' and <= '\u30FF')   // hiragana, katakana
            or (>= '\u3400' and <= '\u4DBF') // CJK extension A
            or (>= '\u4E00' and <= '\u9FFF') // CJK unified ideographs
            or (>= '\uF900' and <= '\uFAFF'); // CJK compatibility ideographs
}
