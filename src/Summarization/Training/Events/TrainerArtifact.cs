namespace HttmOrleans.Summarization.Training.Events;

/// <summary>The trained model directory (weights, tokenizer, config) that serving loads.</summary>
public sealed record TrainerArtifact(string Path) : TrainerEvent;
