using HttmOrleans.Summarization.Serving;
using HttmOrleans.Summarization.Training;
using HttmOrleans.Summarization.Training.Events;
using HttmOrleans.Summarization.Validation;

namespace HttmOrleans.Summarization.Tests.Training;

/// <summary>
/// Trains the compact backbone once on an XSum slice (and keeps the same model untrained, 0 steps)
/// and scores both through a summarization worker; every test in the collection reads these.
/// </summary>
public sealed class TrainedModelFixture : IAsyncLifetime
{
    public string WorkDir { get; } = Path.Combine(Path.GetTempPath(), "httm-s2s-" + Guid.NewGuid().ToString("N")[..8]);

    public string TrainFile => Path.Combine(WorkDir, "train.jsonl");

    public string ValidationFile => Path.Combine(WorkDir, "validation.jsonl");

    public List<TextPair> Validation { get; private set; } = [];

    public TrainingResult Trained { get; private set; } = null!;

    public List<TrainerEvent> TrainedEvents { get; } = [];

    public TrainingResult Untrained { get; private set; } = null!;

    public SummarizationMetrics TrainedMetrics { get; private set; } = null!;

    public SummarizationMetrics UntrainedMetrics { get; private set; } = null!;

    public Seq2SeqTrainingConfig Config(string name, int steps) =>
        TrainerSettings.Config(TrainFile, ValidationFile, Path.Combine(WorkDir, name), steps);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDir);
        var all = await TextPairFile.ReadAsync(SharedData.Path("xsum", "xsum_test_1000.jsonl"));
        await TextPairFile.WriteAsync(TrainFile, all.Take(TrainerSettings.TrainSamples));
        Validation = all.Skip(all.Count - TrainerSettings.ValidationSamples).ToList();
        await TextPairFile.WriteAsync(ValidationFile, Validation);

        var trainer = new Seq2SeqTrainerProcess(TrainerSettings.Process);
        Trained = await trainer.TrainAsync(Config("trained", TrainerSettings.BaseSteps), TrainedEvents.Add);
        Untrained = await trainer.TrainAsync(Config("untrained", 0));

        var options = new ValidationOptions { Generation = new SummarizeOptions(), BatchSize = 50 };
        await using (var worker = new SummarizationWorker(Trained.ArtifactPath!, TrainerSettings.Process, "cpu"))
            TrainedMetrics = await SummarizationValidator.ValidateAsync(worker, Validation, options);
        await using (var worker = new SummarizationWorker(Untrained.ArtifactPath!, TrainerSettings.Process, "cpu"))
            UntrainedMetrics = await SummarizationValidator.ValidateAsync(worker, Validation, options);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}
