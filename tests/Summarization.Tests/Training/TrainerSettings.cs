using HttmOrleans.Summarization.Training;

namespace HttmOrleans.Summarization.Tests.Training;

/// <summary>
/// A model and data slice small enough to train on 2 CPU cores in well under a minute, and large enough
/// that the trained model writes words: with a 1,500-piece vocabulary XSum summaries became runs of
/// sub-word pieces ("s", "ed", ...) and 150 steps of 8 samples left the model on the unigram plateau,
/// gluing those pieces into non-words that scored 0 ROUGE.
/// </summary>
internal static class TrainerSettings
{
    public const int TrainSamples = 800;
    public const int ValidationSamples = 100;
    public const int BaseSteps = 200;

    public static TrainerProcessOptions Process { get; } = new()
    {
        PythonPath = Environment.GetEnvironmentVariable("HTTM_PYTHON") ?? "/usr/bin/python3",
        StopGracePeriod = TimeSpan.FromSeconds(30),
    };

    public static Seq2SeqTrainingConfig Config(string trainFile, string validationFile, string outputDir, int steps) => new()
    {
        TrainFile = trainFile,
        ValidationFile = validationFile,
        OutputDir = outputDir,
        MaxSteps = steps,
        BatchSize = 16,
        MaxSourceLength = 64,
        MaxTargetLength = 32,
        VocabSize = 4000,
        LearningRate = 0.005,
        WarmupSteps = 20,
        EvalEvery = 50,
        LogEvery = 10,
        Device = "cpu",
        Seed = 1,
        Model = new CompactModelOptions { DModel = 64, DimFeedforward = 128, Nhead = 4 },
    };
}
