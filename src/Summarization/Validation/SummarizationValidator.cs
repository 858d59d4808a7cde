using HttmOrleans.Summarization.Rouge;
using HttmOrleans.Summarization.Serving;

namespace HttmOrleans.Summarization.Validation;

/// <summary>Generates summaries for a validation set and scores them with the C# ROUGE.</summary>
public static class SummarizationValidator
{
    /// <summary>Summarizes every sample's document with <paramref name="summarizer"/> and scores it against the sample's summary.</summary>
    public static async Task<SummarizationMetrics> ValidateAsync(
        ISummarizer summarizer,
        IReadOnlyList<TextPair> samples,
        ValidationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summarizer);
        ArgumentNullException.ThrowIfNull(samples);
        options ??= new ValidationOptions();
        var predictions = new List<string>(samples.Count);
        foreach (var batch in samples.Chunk(Math.Max(1, options.BatchSize)))
        {
            var summaries = await summarizer.SummarizeAsync(batch.Select(s => s.Document).ToList(), options.Generation, cancellationToken);
            if (summaries.Count != batch.Length)
                throw new InvalidOperationException($"The summarizer returned {summaries.Count} summaries for {batch.Length} texts.");
            predictions.AddRange(summaries);
        }
        return Score(samples.Select(s => s.Summary).ToList(), predictions, options);
    }

    /// <summary>Scores ready-made predictions against references.</summary>
    public static SummarizationMetrics Score(IReadOnlyList<string> references, IReadOnlyList<string> predictions, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(predictions);
        options ??= new ValidationOptions();
        // ROUGE-Lsum compares sentence by sentence, which rouge-score reads as one sentence per line.
        var perSample = references
            .Select((reference, i) => options.Scorer.Score(
                SentenceSplitter.OnePerLine(reference), SentenceSplitter.OnePerLine(predictions[i])))
            .ToList();
        var accurate = perSample.Count(s => s.TryGetValue(RougeTypes.RougeL, out var l) && l.F >= options.AccuracyThreshold);
        return new SummarizationMetrics
        {
            Rouge = CorpusRouge.Aggregate(perSample, options.BootstrapSamples, seed: options.Seed),
            Accuracy = perSample.Count == 0 ? 0 : (double)accurate / perSample.Count,
            AccuracyThreshold = options.AccuracyThreshold,
            Predictions = predictions,
        };
    }
}
