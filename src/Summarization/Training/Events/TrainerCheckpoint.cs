namespace HttmOrleans.Summarization.Training.Events;

/// <summary>A resumable checkpoint was written at <paramref name="Path"/>.</summary>
public sealed record TrainerCheckpoint(int Step, string Path) : TrainerEvent;
