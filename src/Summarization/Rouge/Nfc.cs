using System.Text;

namespace HttmOrleans.Summarization.Rouge;

/// <summary>
/// Unicode NFC for the Basic Multilingual Plane. The repository builds with
/// InvariantGlobalization, under which <see cref="string.Normalize()"/> returns its input
/// unchanged; Vietnamese text arrives both precomposed and with combining tone marks, so ROUGE
/// needs real composition. Hangul jamo and supplementary-plane characters pass through.
/// </summary>
internal static class Nfc
{
    private static readonly Dictionary<char, (char First, char Second)> Decompositions = [];
    private static readonly Dictionary<(char, char), char> Compositions = [];
    private static readonly Dictionary<char, byte> Classes = [];

#pragma warning disable CA1810 // The tables are built once from generated strings; a static constructor reads clearest.
    static Nfc()
#pragma warning restore CA1810
    {
        Load(UnicodeCompositionData.Pairs, compose: true);
        Load(UnicodeCompositionData.Excluded, compose: false);
        var ranges = UnicodeCompositionData.CombiningClasses;
        for (var i = 0; i < ranges.Length; i += 3)
        {
            for (int c = ranges[i]; c <= ranges[i + 1]; c++)
                Classes[(char)c] = (byte)ranges[i + 2];
        }
    }

    public static string Normalize(string text)
    {
        if (!text.Any(c => c >= '\u00C0'))
            return text;

        var decomposed = new StringBuilder(text.Length + 8);
        foreach (var c in text)
            Decompose(c, decomposed);
        Reorder(decomposed);
        return Compose(decomposed);
    }

    private static void Load(string triples, bool compose)
    {
        for (var i = 0; i < triples.Length; i += 3)
        {
            var (first, second, composite) = (triples[i], triples[i + 1], triples[i + 2]);
            Decompositions[composite] = (first, second);
            if (compose && second != '\0')
                Compositions[(first, second)] = composite;
        }
    }

    private static byte Class(char c) => Classes.GetValueOrDefault(c);

    private static void Decompose(char c, StringBuilder into)
    {
        if (!Decompositions.TryGetValue(c, out var parts))
        {
            into.Append(c);
            return;
        }
        Decompose(parts.First, into);
        if (parts.Second != '\0')
            Decompose(parts.Second, into);
    }

    // Canonical ordering: within a run of combining marks, a stable sort by combining class.
    private static void Reorder(StringBuilder s)
    {
        for (var i = 1; i < s.Length; i++)
        {
            var c = s[i];
            var cc = Class(c);
            if (cc == 0)
                continue;
            var j = i;
            while (j > 0 && Class(s[j - 1]) > cc)
            {
                s[j] = s[j - 1];
                j--;
            }
            s[j] = c;
        }
    }

    private static string Compose(StringBuilder d)
    {
        if (d.Length == 0)
            return string.Empty;
        var output = new StringBuilder(d.Length);
        output.Append(d[0]);
        var starterPos = Class(d[0]) == 0 ? 0 : -1;
        int lastClass = Class(d[0]) == 0 ? 0 : 256;
        for (var i = 1; i < d.Length; i++)
        {
            var c = d[i];
            var cc = Class(c);
            if (starterPos >= 0
                && (lastClass < cc || lastClass == 0)
                && Compositions.TryGetValue((output[starterPos], c), out var composite))
            {
                output[starterPos] = composite;
                continue;
            }
            if (cc == 0)
                starterPos = output.Length;
            lastClass = cc;
            output.Append(c);
        }
        return output.ToString();
    }
}
