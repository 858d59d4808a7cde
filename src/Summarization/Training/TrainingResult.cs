using HttmOrleans.Summarization.Training.Events;

namespace HttmOrleans.Summarization.Training;

/// <summary>How a training run ended.</summary>
public sealed record TrainingResult
{
    /// <summary>True when cancellation stopped the run (the checkpoint is in <see cref="CheckpointPath"/>).</summary>
    public required bool Stopped { get; init; }

    /// <summary>The trained model directory; null when stopped.</summary>
    public string? ArtifactPath { get; init; }

    /// <summary>The last checkpoint written, if any.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>The last step reached.</summary>
    public int Step { get; init; }

    /// <summary>Every validation the run reported, in order; the first is the model before training.</summary>
    public IReadOnlyList<TrainerMetric> Evaluations { get; init; } = [];

    /// <summary>The final validation metrics (<c>val_loss</c>, <c>val_token_accuracy</c>).</summary>
    public IReadOnlyDictionary<string, double> FinalMetrics =>
        Evaluations.Count > 0 ? Evaluations[^1].Metrics : new Dictionary<string, double>();

    /// <summary>What the process said about itself.</summary>
    public TrainerHello? Hello { get; init; }
}
