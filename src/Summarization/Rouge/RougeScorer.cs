using System.Globalization;

namespace HttmOrleans.Summarization.Rouge;

/// <summary>
/// Computes ROUGE-N, ROUGE-L and ROUGE-Lsum between a target (reference) and a prediction,
/// following Google's <c>rouge-score</c> algorithmically; with <see cref="CompatTokenizer"/> the
/// numbers are the same as that package's.
/// </summary>
public sealed class RougeScorer
{
    private readonly string[] _types;

    /// <summary>Creates a scorer for the given types (<c>rouge1</c>…<c>rouge9</c>, <c>rougeL</c>, <c>rougeLsum</c>).</summary>
    public RougeScorer(IRougeTokenizer tokenizer, IEnumerable<string>? rougeTypes = null)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        Tokenizer = tokenizer;
        _types = (rougeTypes ?? RougeTypes.All).ToArray();
        foreach (var type in _types)
        {
            if (type is not (RougeTypes.RougeL or RougeTypes.RougeLsum) && NgramOrder(type) is null)
                throw new ArgumentException($"Invalid rouge type: {type}", nameof(rougeTypes));
        }
    }

    /// <summary>The tokenizer both sides go through.</summary>
    public IRougeTokenizer Tokenizer { get; }

    /// <summary>The types <see cref="Score"/> reports.</summary>
    public IReadOnlyList<string> Types => _types;

    /// <summary>A scorer that reproduces <c>rouge-score</c> (English, ASCII only).</summary>
    public static RougeScorer Compat(bool useStemmer = false) => new(new CompatTokenizer(useStemmer));

    /// <summary>The default scorer for any language, Vietnamese included.</summary>
    public static RougeScorer Unicode(bool useStemmer = false) => new(new UnicodeTokenizer(useStemmer));

    /// <summary>Scores one prediction against its target, per ROUGE type.</summary>
    public IReadOnlyDictionary<string, RougeScore> Score(string target, string prediction)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(prediction);
        var targetTokens = Tokenizer.Tokenize(target);
        var predictionTokens = Tokenizer.Tokenize(prediction);
        var result = new Dictionary<string, RougeScore>(StringComparer.Ordinal);
        foreach (var type in _types)
        {
            result[type] = type switch
            {
                RougeTypes.RougeL => ScoreLcs(targetTokens, predictionTokens),
                RougeTypes.RougeLsum => SummaryLevelLcs(Sentences(target), Sentences(prediction)),
                _ => ScoreNgrams(targetTokens, predictionTokens, NgramOrder(type)!.Value),
            };
        }
        return result;
    }

    private List<IReadOnlyList<string>> Sentences(string text) =>
        text.Split('\n')
            .Where(s => s.Length > 0)
            .Select(Tokenizer.Tokenize)
            .ToList();

    private static int? NgramOrder(string type) =>
        type.Length == 6 && type.StartsWith("rouge", StringComparison.Ordinal)
            && int.TryParse(type.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : null;

    internal static RougeScore ScoreNgrams(IReadOnlyList<string> target, IReadOnlyList<string> prediction, int n)
    {
        var targetCounts = CountNgrams(target, n);
        var predictionCounts = CountNgrams(prediction, n);
        var overlap = 0;
        foreach (var (ngram, count) in targetCounts)
        {
            if (predictionCounts.TryGetValue(ngram, out var other))
                overlap += Math.Min(count, other);
        }
        var targetTotal = Math.Max(target.Count - n + 1, 0);
        var predictionTotal = Math.Max(prediction.Count - n + 1, 0);
        return RougeScore.FromPrecisionRecall(
            (double)overlap / Math.Max(predictionTotal, 1),
            (double)overlap / Math.Max(targetTotal, 1));
    }

    private static Dictionary<string, int> CountNgrams(IReadOnlyList<string> tokens, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            // Tokens never contain U+0001, so joining on it keys each n-gram uniquely.
            var key = n == 1 ? tokens[i] : string.Join('\u0001', tokens.Skip(i).Take(n));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    internal static RougeScore ScoreLcs(IReadOnlyList<string> target, IReadOnlyList<string> prediction)
    {
        if (target.Count == 0 || prediction.Count == 0)
            return RougeScore.Zero;
        double lcs = Lcs.Length(target, prediction);
        return RougeScore.FromPrecisionRecall(lcs / prediction.Count, lcs / target.Count);
    }

    // ROUGE paper section 3.2 with ROUGE-1.5.5's guard against counting a token twice.
    internal static RougeScore SummaryLevelLcs(
        IReadOnlyList<IReadOnlyList<string>> referenceSentences,
        IReadOnlyList<IReadOnlyList<string>> candidateSentences)
    {
        if (referenceSentences.Count == 0 || candidateSentences.Count == 0)
            return RougeScore.Zero;
        var m = referenceSentences.Sum(s => s.Count);
        var n = candidateSentences.Sum(s => s.Count);
        if (m == 0 || n == 0)
            return RougeScore.Zero;

        var referenceCounts = TokenCounts(referenceSentences);
        var candidateCounts = TokenCounts(candidateSentences);
        var hits = 0;
        foreach (var reference in referenceSentences)
        {
            var union = new SortedSet<int>();
            foreach (var candidate in candidateSentences)
                union.UnionWith(Lcs.ReferenceIndices(reference, candidate));
            foreach (var index in union)
            {
                var token = reference[index];
                if (candidateCounts.GetValueOrDefault(token) > 0 && referenceCounts.GetValueOrDefault(token) > 0)
                {
                    hits++;
                    candidateCounts[token]--;
                    referenceCounts[token]--;
                }
            }
        }
        return RougeScore.FromPrecisionRecall((double)hits / n, (double)hits / m);
    }

    private static Dictionary<string, int> TokenCounts(IEnumerable<IReadOnlyList<string>> sentences)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            foreach (var token in sentence)
                counts[token] = counts.GetValueOrDefault(token) + 1;
        }
        return counts;
    }
}
