namespace HttmOrleans.Summarization.Serving;

/// <summary>
/// The extractive lead-k baseline: the first k sentences. It learns nothing, so any dataset gets
/// a score a trained model has to beat (on news, lead-3 is famously hard to beat).
/// </summary>
public sealed class LeadKSummarizer : ISummarizer
{
    /// <summary>Creates the baseline.</summary>
    public LeadKSummarizer(int k = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        K = k;
    }

    /// <summary>How many leading sentences make the summary.</summary>
    public int K { get; }

    /// <summary>The first <see cref="K"/> sentences as they read, joined by a space (the validator splits sentences itself for ROUGE-Lsum).</summary>
    public string Summarize(string text) => string.Join(' ', SentenceSplitter.Split(text).Take(K));

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> SummarizeAsync(
        IReadOnlyList<string> texts,
        SummarizeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        IReadOnlyList<string> summaries = texts.Select(Summarize).ToList();
        return Task.FromResult(summaries);
    }
}
