namespace HttmOrleans.Summarization.Training.Events;

/// <summary>The process honoured SIGTERM: it saved <paramref name="CheckpointPath"/> and is exiting.</summary>
public sealed record TrainerStopped(int Step, string CheckpointPath) : TrainerEvent;
