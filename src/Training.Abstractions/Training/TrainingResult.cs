namespace HttmOrleans.Grains.Training;

/// <summary>What a finished training reports: metrics stored on the version (e.g. <c>ndcg@10</c>, <c>rmse</c>, <c>rougeL</c>).</summary>
public sealed record TrainingResult(IReadOnlyDictionary<string, double> Metrics)
{
    /// <summary>Anything else worth keeping on the version (split sizes, tokenizer, device, …).</summary>
    public IReadOnlyDictionary<string, string>? Details { get; init; }
}
