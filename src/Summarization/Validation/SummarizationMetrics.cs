using HttmOrleans.Summarization.Rouge;

namespace HttmOrleans.Summarization.Validation;

/// <summary>Validation results of a summarizer on a labelled set.</summary>
public sealed record SummarizationMetrics
{
    /// <summary>Corpus ROUGE per type (mean and bootstrap interval).</summary>
    public required IReadOnlyDictionary<string, RougeInterval> Rouge { get; init; }

    /// <summary>Share of samples whose ROUGE-L F1 reaches the accuracy threshold.</summary>
    public required double Accuracy { get; init; }

    /// <summary>The threshold behind <see cref="Accuracy"/>.</summary>
    public required double AccuracyThreshold { get; init; }

    /// <summary>The generated summaries, in sample order.</summary>
    public required IReadOnlyList<string> Predictions { get; init; }

    /// <summary>
    /// The flat metric map a model version stores: <c>rouge1</c>, <c>rouge2</c>, <c>rougeL</c>,
    /// <c>rougeLsum</c> (mean F1); <c>precision</c>, <c>recall</c>, <c>f1_score</c> (ROUGE-L);
    /// <c>accuracy</c>; <c>rougeL_low</c>/<c>rougeL_high</c> (95 % bootstrap interval of ROUGE-L F1);
    /// <c>samples</c>.
    /// </summary>
    public IReadOnlyDictionary<string, double> ToDictionary()
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (type, interval) in Rouge)
            map[type] = interval.Mean.F;
        if (Rouge.TryGetValue(RougeTypes.RougeL, out var rougeL))
        {
            map["precision"] = rougeL.Mean.Precision;
            map["recall"] = rougeL.Mean.Recall;
            map["f1_score"] = rougeL.Mean.F;
            map["rougeL_low"] = rougeL.Low.F;
            map["rougeL_high"] = rougeL.High.F;
        }
        map["accuracy"] = Accuracy;
        map["samples"] = Predictions.Count;
        return map;
    }
}
