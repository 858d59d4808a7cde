namespace HttmOrleans.Summarization.Training.Events;

/// <summary>Training finished; <paramref name="Metrics"/> are the final validation metrics.</summary>
public sealed record TrainerDone(int Step, IReadOnlyDictionary<string, double> Metrics, double TrainSeconds) : TrainerEvent;
