using HttmOrleans.Grains.Training;
using HttmOrleans.Summarization.Serving;
using HttmOrleans.Summarization.Validation;

namespace HttmOrleans.Summarization.Hosting;

/// <summary>The last phase of every summarization training: summarize the held-out samples and score them.</summary>
internal static class HeldOutValidation
{
    /// <summary>Texts per request; small enough that progress moves and cancellation is quick.</summary>
    private const int BatchSize = 16;

    /// <summary>
    /// Generates a summary per held-out document, reporting progress from <paramref name="fromPercent"/>
    /// to 100, and scores them with the Unicode ROUGE scorer.
    /// </summary>
    public static async Task<SummarizationMetrics> RunAsync(
        ISummarizer summarizer,
        IReadOnlyList<TextPair> samples,
        SummarizeOptions generation,
        ITrainingProgress progress,
        double fromPercent,
        CancellationToken cancellationToken)
    {
        var predictions = new List<string>(samples.Count);
        foreach (var batch in samples.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var summaries = await summarizer.SummarizeAsync(batch.Select(s => s.Document).ToList(), generation, cancellationToken);
            if (summaries.Count != batch.Length)
                throw new InvalidOperationException($"The summarizer returned {summaries.Count} summaries for {batch.Length} texts.");
            predictions.AddRange(summaries);
            var percent = fromPercent + ((100 - fromPercent) * predictions.Count / samples.Count);
            await progress.ReportAsync(percent, $"validation: summarized {predictions.Count}/{samples.Count}",
                new Dictionary<string, double> { ["validated_samples"] = predictions.Count }, cancellationToken);
        }
        return SummarizationValidator.Score(samples.Select(s => s.Summary).ToList(), predictions, new ValidationOptions());
    }
}
