namespace HttmOrleans.Summarization.Serving;

/// <summary>Generation settings of a summarize request.</summary>
public sealed record SummarizeOptions
{
    /// <summary>Longest summary in tokens; null uses the artifact's training target length.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Beam width; 1 is greedy decoding.</summary>
    public int NumBeams { get; init; } = 1;

    /// <summary>Forbid repeating any n-gram of this size (0 turns it off).</summary>
    public int NoRepeatNgramSize { get; init; } = 3;
}
