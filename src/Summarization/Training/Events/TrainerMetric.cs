namespace HttmOrleans.Summarization.Training.Events;

/// <summary>Validation metrics at a step (<c>val_loss</c>, <c>val_token_accuracy</c>); step 0 is the model before any update.</summary>
public sealed record TrainerMetric(int Step, IReadOnlyDictionary<string, double> Metrics) : TrainerEvent;
