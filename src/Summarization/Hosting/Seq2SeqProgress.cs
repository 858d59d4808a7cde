using System.Globalization;
using HttmOrleans.Grains.Training;
using HttmOrleans.Summarization.Training.Events;

namespace HttmOrleans.Summarization.Hosting;

/// <summary>
/// Turns trainer events into progress reports: data and model set-up take the first
/// <see cref="TrainingStart"/> %, optimizer steps run up to <see cref="TrainingEnd"/> %, and
/// generating the validation summaries takes the rest.
/// </summary>
internal static class Seq2SeqProgress
{
    public const double TrainingStart = 3;
    public const double TrainingEnd = 90;

    /// <summary>The report for <paramref name="e"/>, or null for events that carry nothing to show.</summary>
    public static (double Percent, string Message, Dictionary<string, double>? Figures)? Describe(TrainerEvent e) => e switch
    {
        TrainerHello h => (1, $"trainer started: Python {h.PythonVersion}, torch {h.TorchVersion}{(h.Cuda ? ", CUDA" : "")}{Blas(h)}", null),
        TrainerSetup s => (TrainingStart,
            $"model ready: {s.Backbone} on {s.Device}, {s.Parameters:N0} parameters, {s.TrainSamples} training samples",
            new() { ["parameters"] = s.Parameters, ["train_samples"] = s.TrainSamples, ["resumed_from_step"] = s.ResumedFromStep }),
        TrainerProgress p => (TrainingStart + ((TrainingEnd - TrainingStart) * p.Fraction),
            string.Create(CultureInfo.InvariantCulture, $"step {p.Step}/{p.TotalSteps}, loss {p.Loss:F3}"),
            Figures(p)),
        TrainerMetric m => null,
        TrainerCheckpoint c => null,
        TrainerDone d => (TrainingEnd, "training done; summarizing the validation samples",
            new() { ["step"] = d.Step, ["train_seconds"] = d.TrainSeconds }),
        _ => null,
    };

    /// <summary>Validation losses are figures of the current percent, not a step forward.</summary>
    public static Dictionary<string, double> Figures(TrainerMetric m)
    {
        var figures = new Dictionary<string, double>(StringComparer.Ordinal) { ["step"] = m.Step };
        foreach (var (key, value) in m.Metrics)
            figures[key == "val_loss" ? "validation_loss" : key == "val_token_accuracy" ? "validation_token_accuracy" : key] = value;
        return figures;
    }

    private static string Blas(TrainerHello h) => h switch
    {
        { SlowBlas: true } => ", reference BLAS: CPU training runs several times slower than on OpenBLAS (Debian: apt-get install libopenblas0-pthread)",
        { Blas.Length: > 0 } => ", BLAS " + h.Blas,
        _ => "",
    };

    private static Dictionary<string, double> Figures(TrainerProgress p)
    {
        var figures = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["step"] = p.Step,
            ["total_steps"] = p.TotalSteps,
            ["tokens_per_second"] = p.TokensPerSecond,
            ["eta_seconds"] = p.EtaSeconds,
        };
        if (p.Loss is { } loss)
            figures["loss"] = loss;
        if (p.LearningRate is { } lr)
            figures["learning_rate"] = lr;
        return figures;
    }
}
