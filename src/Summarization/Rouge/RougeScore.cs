namespace HttmOrleans.Summarization.Rouge;

/// <summary>Precision, recall and F1 of one ROUGE type.</summary>
public readonly record struct RougeScore(double Precision, double Recall, double F)
{
    /// <summary>All three zero: what ROUGE gives an empty side.</summary>
    public static RougeScore Zero => default;

    /// <summary>Builds a score from precision and recall, F being their harmonic mean (0 when both are 0).</summary>
    public static RougeScore FromPrecisionRecall(double precision, double recall) =>
        new(precision, recall, precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0);
}
