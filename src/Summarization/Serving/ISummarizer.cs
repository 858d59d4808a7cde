namespace HttmOrleans.Summarization.Serving;

/// <summary>Anything that turns documents into summaries: the model worker, the lead-k baseline.</summary>
public interface ISummarizer
{
    /// <summary>One summary per text, in order.</summary>
    Task<IReadOnlyList<string>> SummarizeAsync(
        IReadOnlyList<string> texts,
        SummarizeOptions? options = null,
        CancellationToken cancellationToken = default);
}
