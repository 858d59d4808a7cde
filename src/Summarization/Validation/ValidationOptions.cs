using HttmOrleans.Summarization.Rouge;
using HttmOrleans.Summarization.Serving;

namespace HttmOrleans.Summarization.Validation;

/// <summary>How a validation set is summarized and scored.</summary>
public sealed record ValidationOptions
{
    /// <summary>The scorer; Unicode mode by default (Vietnamese-safe). Use <see cref="RougeScorer.Compat"/> to compare with papers on English.</summary>
    public RougeScorer Scorer { get; init; } = RougeScorer.Unicode();

    /// <summary>Generation settings.</summary>
    public SummarizeOptions Generation { get; init; } = new();

    /// <summary>Texts per request to the summarizer.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>A sample counts towards <c>accuracy</c> when its ROUGE-L F1 reaches this.</summary>
    public double AccuracyThreshold { get; init; } = 0.5;

    /// <summary>Bootstrap resamples for the confidence intervals.</summary>
    public int BootstrapSamples { get; init; } = 1000;

    /// <summary>Seed of the bootstrap.</summary>
    public int Seed { get; init; } = 17;
}
