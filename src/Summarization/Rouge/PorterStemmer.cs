namespace HttmOrleans.Summarization.Rouge;

/// <summary>
/// The Porter stemmer exactly as NLTK runs it in its default <c>NLTK_EXTENSIONS</c> mode,
/// which is what Google's <c>rouge-score</c> calls; any departure from NLTK changes ROUGE
/// values, so the rule order and the quirks (a matched suffix whose condition fails stops
/// the step) are kept on purpose.
/// </summary>
public static class PorterStemmer
{
    private delegate bool Condition(string stem);

    private readonly record struct Rule(string Suffix, string Replacement, Condition? When);

    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["sky"] = "sky",
        ["skies"] = "sky",
        ["dying"] = "die",
        ["lying"] = "lie",
        ["tying"] = "tie",
        ["news"] = "news",
        ["innings"] = "inning",
        ["inning"] = "inning",
        ["outings"] = "outing",
        ["outing"] = "outing",
        ["cannings"] = "canning",
        ["canning"] = "canning",
        ["howe"] = "howe",
        ["proceed"] = "proceed",
        ["exceed"] = "exceed",
        ["succeed"] = "succeed",
    };

    private static readonly Rule[] Step1aRules =
    [
        new("sses", "ss", null),
        new("ies", "i", null),
        new("ss", "ss", null),
        new("s", "", null),
    ];

    private static readonly Rule[] Step3Rules =
    [
        new("icate", "ic", HasPositiveMeasure),
        new("ative", "", HasPositiveMeasure),
        new("alize", "al", HasPositiveMeasure),
        new("iciti", "ic", HasPositiveMeasure),
        new("ical", "ic", HasPositiveMeasure),
        new("ful", "", HasPositiveMeasure),
        new("ness", "", HasPositiveMeasure),
    ];

    private static readonly Rule[] Step4Rules =
    [
        new("al", "", MeasureAboveOne),
        new("ance", "", MeasureAboveOne),
        new("ence", "", MeasureAboveOne),
        new("er", "", MeasureAboveOne),
        new("ic", "", MeasureAboveOne),
        new("able", "", MeasureAboveOne),
        new("ible", "", MeasureAboveOne),
        new("ant", "", MeasureAboveOne),
        new("ement", "", MeasureAboveOne),
        new("ment", "", MeasureAboveOne),
        new("ent", "", MeasureAboveOne),
        new("ion", "", s => Measure(s) > 1 && (s[^1] == 's' || s[^1] == 't')),
        new("ou", "", MeasureAboveOne),
        new("ism", "", MeasureAboveOne),
        new("ate", "", MeasureAboveOne),
        new("iti", "", MeasureAboveOne),
        new("ous", "", MeasureAboveOne),
        new("ive", "", MeasureAboveOne),
        new("ize", "", MeasureAboveOne),
    ];

    /// <summary>Stems one lower-case word.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var stem = word.ToLowerInvariant();
        if (Irregular.TryGetValue(stem, out var irregular))
            return irregular;
        if (word.Length <= 2)
            return stem;

        stem = Step1a(stem);
        stem = Step1b(stem);
        stem = Step1c(stem);
        stem = Step2(stem);
        stem = ApplyFirst(stem, Step3Rules);
        stem = ApplyFirst(stem, Step4Rules);
        stem = Step5a(stem);
        return Step5b(stem);
    }

    private static bool IsConsonant(string word, int i)
    {
        var c = word[i];
        if (c is 'a' or 'e' or 'i' or 'o' or 'u')
            return false;
        if (c == 'y')
            return i == 0 || !IsConsonant(word, i - 1);
        return true;
    }

    // The number of vowel→consonant transitions: Porter's m in [C](VC){m}[V].
    private static int Measure(string stem)
    {
        var m = 0;
        for (var i = 1; i < stem.Length; i++)
        {
            if (!IsConsonant(stem, i - 1) && IsConsonant(stem, i))
                m++;
        }
        return m;
    }

    private static bool HasPositiveMeasure(string stem) => Measure(stem) > 0;

    private static bool MeasureAboveOne(string stem) => Measure(stem) > 1;

    private static bool ContainsVowel(string stem)
    {
        for (var i = 0; i < stem.Length; i++)
        {
            if (!IsConsonant(stem, i))
                return true;
        }
        return false;
    }

    private static bool EndsDoubleConsonant(string word) =>
        word.Length >= 2 && word[^1] == word[^2] && IsConsonant(word, word.Length - 1);

    private static bool EndsCvc(string word) =>
        (word.Length >= 3
            && IsConsonant(word, word.Length - 3)
            && !IsConsonant(word, word.Length - 2)
            && IsConsonant(word, word.Length - 1)
            && word[^1] is not ('w' or 'x' or 'y'))
        || (word.Length == 2 && !IsConsonant(word, 0) && IsConsonant(word, 1));

    private static string ReplaceSuffix(string word, string suffix, string replacement) =>
        string.Concat(word.AsSpan(0, word.Length - suffix.Length), replacement);

    // NLTK's _apply_rule_list: the first rule whose suffix matches decides, even when its
    // condition fails (then the word is returned unchanged). "*d" means a double consonant.
    private static string ApplyFirst(string word, IEnumerable<Rule> rules)
    {
        foreach (var rule in rules)
        {
            if (rule.Suffix == "*d")
            {
                if (!EndsDoubleConsonant(word))
                    continue;
                var stem = word[..^2];
                return rule.When is null || rule.When(stem) ? stem + rule.Replacement : word;
            }
            if (word.EndsWith(rule.Suffix, StringComparison.Ordinal))
            {
                var stem = ReplaceSuffix(word, rule.Suffix, "");
                return rule.When is null || rule.When(stem) ? stem + rule.Replacement : word;
            }
        }
        return word;
    }

    private static string Step1a(string word)
    {
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length == 4)
            return ReplaceSuffix(word, "ies", "ie");
        return ApplyFirst(word, Step1aRules);
    }

    private static string Step1b(string word)
    {
        if (word.EndsWith("ied", StringComparison.Ordinal))
            return ReplaceSuffix(word, "ied", word.Length == 4 ? "ie" : "i");

        if (word.EndsWith("eed", StringComparison.Ordinal))
        {
            var eedStem = ReplaceSuffix(word, "eed", "");
            return Measure(eedStem) > 0 ? eedStem + "ee" : word;
        }

        string? intermediate = null;
        foreach (var suffix in (ReadOnlySpan<string>)["ed", "ing"])
        {
            if (!word.EndsWith(suffix, StringComparison.Ordinal))
                continue;
            var candidate = ReplaceSuffix(word, suffix, "");
            if (ContainsVowel(candidate))
            {
                intermediate = candidate;
                break;
            }
        }
        if (intermediate is null)
            return word;

        var last = intermediate[^1];
        return ApplyFirst(intermediate,
        [
            new("at", "ate", null),
            new("bl", "ble", null),
            new("iz", "ize", null),
            new("*d", last.ToString(), _ => last is not ('l' or 's' or 'z')),
            new("", "e", s => Measure(s) == 1 && EndsCvc(s)),
        ]);
    }

    private static string Step1c(string word) =>
        ApplyFirst(word, [new("y", "i", s => s.Length > 1 && IsConsonant(s, s.Length - 1))]);

    private static string Step2(string word)
    {
        if (word.EndsWith("alli", StringComparison.Ordinal)
            && HasPositiveMeasure(ReplaceSuffix(word, "alli", "")))
        {
            return Step2(ReplaceSuffix(word, "alli", "al"));
        }

        return ApplyFirst(word,
        [
            new("ational", "ate", HasPositiveMeasure),
            new("tional", "tion", HasPositiveMeasure),
            new("enci", "ence", HasPositiveMeasure),
            new("anci", "ance", HasPositiveMeasure),
            new("izer", "ize", HasPositiveMeasure),
            new("bli", "ble", HasPositiveMeasure),
            new("alli", "al", HasPositiveMeasure),
            new("entli", "ent", HasPositiveMeasure),
            new("eli", "e", HasPositiveMeasure),
            new("ousli", "ous", HasPositiveMeasure),
            new("ization", "ize", HasPositiveMeasure),
            new("ation", "ate", HasPositiveMeasure),
            new("ator", "ate", HasPositiveMeasure),
            new("alism", "al", HasPositiveMeasure),
            new("iveness", "ive", HasPositiveMeasure),
            new("fulness", "ful", HasPositiveMeasure),
            new("ousness", "ous", HasPositiveMeasure),
            new("aliti", "al", HasPositiveMeasure),
            new("iviti", "ive", HasPositiveMeasure),
            new("biliti", "ble", HasPositiveMeasure),
            new("fulli", "ful", HasPositiveMeasure),
            // NLTK keeps the 'l' of -logi with the stem, so the measure is taken on word[:-3].
            new("logi", "log", _ => HasPositiveMeasure(word[..^3])),
        ]);
    }

    private static string Step5a(string word)
    {
        if (!word.EndsWith('e'))
            return word;
        var stem = word[..^1];
        var m = Measure(stem);
        return m > 1 || (m == 1 && !EndsCvc(stem)) ? stem : word;
    }

    private static string Step5b(string word) =>
        ApplyFirst(word, [new("ll", "l", _ => Measure(word[..^1]) > 1)]);
}
