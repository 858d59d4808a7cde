using System.Globalization;
using System.Text.Json.Nodes;
using HttmOrleans.Grains.Training;
using HttmOrleans.Summarization.Serving;
using HttmOrleans.Summarization.Training;
using HttmOrleans.Summarization.Training.Events;
using HttmOrleans.Summarization.Validation;
using GrainsTrainingResult = HttmOrleans.Grains.Training.TrainingResult;

namespace HttmOrleans.Summarization.Hosting;

/// <summary>
/// The <c>seq2seq</c> summarization trainer: PyTorch in a child process (the compact backbone or
/// a local Hugging Face T5/ViT5), then ROUGE on the held-out split with the C# scorer.
/// Retraining starts from <see cref="TrainingRequest.BaseArtifactDirectory"/>'s weights and tokenizer.
/// </summary>
public sealed class Seq2SeqTrainer(SummarizationOptions? options = null) : ITrainer
{
    /// <summary>The algorithm name.</summary>
    public const string AlgorithmName = "seq2seq";

    /// <summary>How many characters of the trainer's stderr a failure message carries.</summary>
    private const int StderrInMessage = 2000;

    private readonly SummarizationOptions _options = options ?? new SummarizationOptions();

    /// <inheritdoc />
    public string Kind => ModelKinds.Summarization;

    /// <inheritdoc />
    public string Algorithm => AlgorithmName;

    /// <inheritdoc />
    public string Description => "Abstractive seq2seq summarizer (PyTorch): a compact Transformer trained from scratch, or a local T5/ViT5 fine-tuned; ROUGE on a held-out split.";

    /// <inheritdoc />
    public string Capability => _options.Capability;

    /// <inheritdoc />
    public IReadOnlyList<ParameterSpec> Parameters => Seq2SeqParameters.Specs;

    /// <inheritdoc />
    public ParameterCheck Check(JsonObject? given) => Seq2SeqParameters.Check(given);

    /// <inheritdoc />
    /// <exception cref="TrainerFailedException">The trainer process failed; the message ends with its stderr.</exception>
    public async Task<GrainsTrainingResult> TrainAsync(TrainingRequest request, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var check = Check(request.Parameters);
        if (!check.IsValid)
            throw new ArgumentException("Invalid parameters: " + string.Join("; ", check.Errors.Select(e => $"{e.Field}: {e.Reason}")), nameof(request));
        var p = Seq2SeqParameters.From(check.Resolved!);
        var seed = p.Seed ?? request.Seed;

        await progress.ReportAsync(0, "splitting the dataset snapshot", null, cancellationToken);
        var split = await SnapshotSplit.WriteAsync(request.Snapshot, Path.Combine(request.WorkDirectory, "data"),
            p.ValidationFraction, p.MaxValidationSamples, seed, writeTrain: true, cancellationToken);
        await progress.ReportAsync(0.5, $"{split.TrainCount} training and {split.Validation.Count} validation samples", new Dictionary<string, double>
        {
            ["train_samples"] = split.TrainCount,
            ["validation_samples"] = split.Validation.Count,
        }, cancellationToken);

        var runDir = Path.Combine(request.WorkDirectory, "run");
        var config = Config(p, split, runDir, request.BaseArtifactDirectory, seed);
        var run = await RunTrainerAsync(config, progress, cancellationToken);
        await MoveArtifactAsync(run.ArtifactPath, request.OutputDirectory, new SummarizerManifest
        {
            Algorithm = AlgorithmName,
            Backbone = p.Backbone,
            Steps = run.Step,
        }, cancellationToken);

        var generation = new SummarizeOptions { NumBeams = p.NumBeams, NoRepeatNgramSize = p.NoRepeatNgramSize };
        SummarizationMetrics rouge;
        await using (var worker = new SummarizationWorker(request.OutputDirectory, _options.ToProcessOptions(), _options.Device))
        {
            rouge = await HeldOutValidation.RunAsync(worker, split.Validation, generation, progress, Seq2SeqProgress.TrainingEnd, cancellationToken);
        }

        var metrics = new Dictionary<string, double>(rouge.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in Seq2SeqProgress.Figures(run.Final))
        {
            if (key != "step")
                metrics[key] = value;
        }
        return new GrainsTrainingResult(metrics) { Details = Details(p, split, run, request.BaseArtifactDirectory) };
    }

    private static Seq2SeqTrainingConfig Config(Seq2SeqParameters p, SnapshotSplit split, string runDir, string? baseArtifact, int seed) => new()
    {
        TrainFile = split.TrainFile!,
        ValidationFile = split.ValidationFile,
        OutputDir = runDir,
        Backbone = p.Backbone == "hf" ? "hf:" + p.CheckpointPath : "compact",
        BaseArtifact = baseArtifact,
        MaxSteps = p.MaxSteps,
        BatchSize = p.BatchSize,
        GradAccum = p.GradAccum,
        LearningRate = p.LearningRate,
        WarmupSteps = p.WarmupSteps,
        WeightDecay = p.WeightDecay,
        MaxSourceLength = p.MaxSourceLength,
        MaxTargetLength = p.MaxTargetLength,
        EvalEvery = p.EvalEvery,
        CheckpointEvery = p.CheckpointEvery,
        LogEvery = Math.Clamp(p.MaxSteps / 100, 1, 50),
        Seed = seed,
        Bf16 = p.Bf16,
        VocabSize = p.Backbone == "compact" ? p.VocabSize : null,
        Model = p.Backbone == "compact"
            ? new CompactModelOptions
            {
                DModel = p.DModel,
                Nhead = p.NumHeads,
                NumEncoderLayers = p.NumLayers,
                NumDecoderLayers = p.NumLayers,
                DimFeedforward = p.DimFeedforward,
                Dropout = p.Dropout,
            }
            : null,
        SourcePrefix = string.IsNullOrEmpty(p.SourcePrefix) ? null : p.SourcePrefix,
        GradientCheckpointing = p.Backbone == "hf" ? p.GradientCheckpointing : null,
    };

    private sealed record RunOutcome(string ArtifactPath, int Step, TrainerMetric Final, TrainerSetup? Setup, TrainerHello? Hello, double TrainSeconds);

    private async Task<RunOutcome> RunTrainerAsync(Seq2SeqTrainingConfig config, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        var trainer = new Seq2SeqTrainerProcess(_options.ToProcessOptions());
        TrainerHello? hello = null;
        TrainerSetup? setup = null;
        TrainerMetric? last = null;
        TrainerDone? done = null;
        string? artifact = null;
        var percent = 0.5;
        try
        {
            await foreach (var e in trainer.RunAsync(config with { Device = _options.Device }, cancellationToken))
            {
                switch (e)
                {
                    case TrainerHello h: hello = h; break;
                    case TrainerSetup s: setup = s; break;
                    case TrainerMetric m: last = m; break;
                    case TrainerArtifact a: artifact = a.Path; break;
                    case TrainerDone d: done = d; break;
                }
                // Reports are not cancelled with the run: the process is still shutting down
                // after SIGTERM, and abandoning this loop would kill it before its checkpoint.
                if (cancellationToken.IsCancellationRequested)
                    continue;
                if (e is TrainerMetric metric)
                {
                    await progress.ReportAsync(percent, string.Create(CultureInfo.InvariantCulture,
                        $"validation loss {metric.Metrics.GetValueOrDefault("val_loss"):F3} at step {metric.Step}"),
                        Seq2SeqProgress.Figures(metric), CancellationToken.None);
                }
                else if (Seq2SeqProgress.Describe(e) is { } report)
                {
                    percent = report.Percent;
                    await progress.ReportAsync(report.Percent, report.Message, report.Figures, CancellationToken.None);
                }
            }
        }
        catch (TrainerFailedException failure)
        {
            throw WithStderr(failure);
        }
        if (artifact is null || done is null || last is null)
            throw new TrainerFailedException("The trainer finished without an artifact.", 0, "");
        return new RunOutcome(artifact, done.Step, last, setup, hello, done.TrainSeconds);
    }

    /// <summary>The host stores only the message of a failed version, so the stderr tail goes into it.</summary>
    private static TrainerFailedException WithStderr(TrainerFailedException e)
    {
        var tail = e.StderrTail.Length > StderrInMessage ? e.StderrTail[^StderrInMessage..] : e.StderrTail;
        var message = string.IsNullOrWhiteSpace(tail) ? e.Message : $"{e.Message}\n--- trainer stderr (tail) ---\n{tail.TrimEnd()}";
        return new TrainerFailedException(message, e.ExitCode, e.StderrTail, e);
    }

    private static async Task MoveArtifactAsync(string from, string to, SummarizerManifest manifest, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(file, target, overwrite: true);
        }
        await manifest.WriteAsync(to, cancellationToken);
    }

    private static Dictionary<string, string> Details(Seq2SeqParameters p, SnapshotSplit split, RunOutcome run, string? baseArtifact)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["backbone"] = p.Backbone,
            ["steps"] = run.Step.ToString(CultureInfo.InvariantCulture),
            ["train_samples"] = split.TrainCount.ToString(CultureInfo.InvariantCulture),
            ["validation_samples"] = split.Validation.Count.ToString(CultureInfo.InvariantCulture),
            ["train_seconds"] = run.TrainSeconds.ToString("F1", CultureInfo.InvariantCulture),
            ["retrained_from_base"] = (baseArtifact is not null).ToString(CultureInfo.InvariantCulture),
            ["rouge_tokenizer"] = "unicode",
        };
        if (run.Setup is { } s)
        {
            details["device"] = s.Device;
            details["parameters"] = s.Parameters.ToString(CultureInfo.InvariantCulture);
        }
        if (run.Hello is { } h)
        {
            details["python"] = $"{h.Interpreter} ({h.PythonVersion})";
            details["torch"] = h.TorchVersion;
            if (h.Blas.Length > 0)
                details["blas"] = h.Blas;
        }
        return details;
    }
}
