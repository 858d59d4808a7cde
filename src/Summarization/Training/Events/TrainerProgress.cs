namespace HttmOrleans.Summarization.Training.Events;

/// <summary>Training progress; <see cref="Loss"/> is the mean token loss since the previous progress line (null if not finite).</summary>
public sealed record TrainerProgress(int Step, int TotalSteps, double? Loss, double TokensPerSecond, double EtaSeconds, double? LearningRate) : TrainerEvent
{
    /// <summary>Step / total steps, 0 to 1: what a model version shows as its progress.</summary>
    public double Fraction => TotalSteps <= 0 ? 1 : Math.Clamp((double)Step / TotalSteps, 0, 1);
}
