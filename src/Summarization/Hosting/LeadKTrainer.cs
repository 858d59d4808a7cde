using System.Globalization;
using System.Text.Json.Nodes;
using HttmOrleans.Grains.Training;
using HttmOrleans.Summarization.Serving;
using GrainsTrainingResult = HttmOrleans.Grains.Training.TrainingResult;

namespace HttmOrleans.Summarization.Hosting;

/// <summary>
/// The <c>lead-k</c> baseline as a trainer: it learns nothing (the summary is the first k
/// sentences), so a "training" writes its configuration as the artifact and reports the same
/// ROUGE metrics as <see cref="Seq2SeqTrainer"/> on the same kind of held-out split, which is
/// the score a trained model has to beat. Runs anywhere (<c>cpu</c>).
/// </summary>
public sealed class LeadKTrainer : ITrainer
{
    /// <summary>The algorithm name.</summary>
    public const string AlgorithmName = "lead-k";

    private static readonly IReadOnlyList<ParameterSpec> Specs =
    [
        ParameterChecker.Int("k", 3, 1, 100, "leading sentences that make the summary"),
        ParameterChecker.Float("validation_fraction", 0.1, 0.01, 0.5, "share of the snapshot held out and scored"),
        ParameterChecker.Int("max_validation_samples", 500, 1, 100_000, "cap on the held-out samples"),
        ParameterChecker.Int("seed", null, 0, int.MaxValue, "the split; default: the request's seed"),
    ];

    /// <inheritdoc />
    public string Kind => ModelKinds.Summarization;

    /// <inheritdoc />
    public string Algorithm => AlgorithmName;

    /// <inheritdoc />
    public string Description => "Extractive baseline: the first k sentences of the document; learns nothing, scores ROUGE on a held-out split.";

    /// <inheritdoc />
    public string Capability => "cpu";

    /// <inheritdoc />
    public IReadOnlyList<ParameterSpec> Parameters => Specs;

    /// <inheritdoc />
    public ParameterCheck Check(JsonObject? given)
    {
        var (resolved, errors) = ParameterChecker.Resolve(Specs, given);
        return errors.Count == 0 ? ParameterCheck.Ok(resolved) : ParameterCheck.Fail(errors);
    }

    /// <inheritdoc />
    public async Task<GrainsTrainingResult> TrainAsync(TrainingRequest request, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var check = Check(request.Parameters);
        if (!check.IsValid)
            throw new ArgumentException("Invalid parameters: " + string.Join("; ", check.Errors.Select(e => $"{e.Field}: {e.Reason}")), nameof(request));
        var resolved = check.Resolved!;
        var k = (int)(long)resolved["k"]!;
        var seed = resolved.ContainsKey("seed") ? (int)(long)resolved["seed"]! : request.Seed;

        await progress.ReportAsync(0, "splitting the dataset snapshot", null, cancellationToken);
        var split = await SnapshotSplit.WriteAsync(request.Snapshot, Path.Combine(request.WorkDirectory, "data"),
            (double)resolved["validation_fraction"]!, (int)(long)resolved["max_validation_samples"]!, seed, writeTrain: false, cancellationToken);
        Directory.CreateDirectory(request.OutputDirectory);
        await new SummarizerManifest { Algorithm = AlgorithmName, K = k }.WriteAsync(request.OutputDirectory, cancellationToken);
        await progress.ReportAsync(10, $"lead-{k}: scoring {split.Validation.Count} held-out samples", null, cancellationToken);

        var rouge = await HeldOutValidation.RunAsync(new LeadKSummarizer(k), split.Validation, new SummarizeOptions(), progress, 10, cancellationToken);
        return new GrainsTrainingResult(rouge.ToDictionary())
        {
            Details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["k"] = k.ToString(CultureInfo.InvariantCulture),
                ["train_samples"] = split.TrainCount.ToString(CultureInfo.InvariantCulture),
                ["validation_samples"] = split.Validation.Count.ToString(CultureInfo.InvariantCulture),
                ["rouge_tokenizer"] = "unicode",
            },
        };
    }
}
