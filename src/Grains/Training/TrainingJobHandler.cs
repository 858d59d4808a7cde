using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Jobs;
using HttmOrleans.Grains.Training;
using Microsoft.Extensions.Logging;

namespace HttmOrleans.Grains;

/// <summary>
/// Runs a <see cref="TrainingJob"/> on a silo: takes the snapshot, unpacks the base artifact, calls the
/// trainer, stores what it wrote as a content-addressed artifact. Any trainer error fails the job
/// (and so the version) with its message; the silo carries on.
/// </summary>
public sealed class TrainingJobHandler(
    TrainerCatalog trainers,
    DatasetStore datasets,
    IArtifactStore artifacts,
    ArtifactCache cache,
    GrainsOptions options,
    ILogger<TrainingJobHandler> logger) : IJobHandler
{
    public string Kind => TrainingJob.Kind;

    public async Task<string?> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var job = JsonSerializer.Deserialize<TrainingJob>(context.Payload, GrainJson.Options)!;
        var trainer = trainers.Find(job.Algorithm, job.ModelKind)
            ?? throw new InvalidOperationException($"This silo has no trainer for {job.ModelKind}/{job.Algorithm}.");
        await context.ReportProgressAsync(0, "taking a dataset snapshot", new ProgressDetails { Phase = "preparing" }.ToJson(), force: true);
        var number = job.Snapshot ?? await datasets.EnsureFreshSnapshotAsync(job.DatasetId, cancellationToken);
        var snapshot = await datasets.OpenSnapshotAsync(job.DatasetId, number, cancellationToken);
        if (snapshot.RowCount == 0) throw new InvalidOperationException($"Snapshot {number} of dataset '{job.DatasetId}' is empty.");
        var userFeatures = await OpenFeaturesAsync(job.UserFeaturesDatasetId, job.UserFeaturesSnapshot, cancellationToken);
        var itemFeatures = await OpenFeaturesAsync(job.ItemFeaturesDatasetId, job.ItemFeaturesSnapshot, cancellationToken);

        var work = Path.GetFullPath(Path.Combine(options.WorkDirectory, context.JobId + "-" + context.Attempt));
        var output = Path.Combine(work, "artifact");
        var scratch = Path.Combine(work, "scratch");
        Directory.CreateDirectory(output);
        Directory.CreateDirectory(scratch);
        try
        {
            string? baseDirectory = null;
            if (job.BaseArtifactId is { } baseId)
            {
                await context.ReportProgressAsync(0, "fetching the base version", new ProgressDetails { Phase = "preparing", Snapshot = number }.ToJson(), force: true);
                baseDirectory = await cache.GetDirectoryAsync(baseId, cancellationToken);
            }

            var request = new TrainingRequest
            {
                ModelId = job.ModelId, VersionId = job.Version, Algorithm = job.Algorithm,
                Parameters = JsonNode.Parse(job.ParametersJson)!.AsObject(), Snapshot = snapshot, UserFeatures = userFeatures, ItemFeatures = itemFeatures,
                BaseArtifactDirectory = baseDirectory, WorkDirectory = scratch, OutputDirectory = output,
            };
            var watch = Stopwatch.StartNew();
            logger.LogInformation("Training {Model}/{Version} ({Algorithm}) on snapshot {Snapshot} ({Rows} rows), user features {UserFeatures}, item features {ItemFeatures}",
                job.ModelId, job.Version, job.Algorithm, number, snapshot.RowCount, userFeatures?.Number, itemFeatures?.Number);
            var result = await trainer.TrainAsync(request, new Progress(context, number), cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            await context.ReportProgressAsync(99, "storing the artifact", new ProgressDetails { Phase = "validating", Snapshot = number }.ToJson(), force: true);
            var (artifactId, size) = await artifacts.PutDirectoryAsync(output, cancellationToken);
            var details = new Dictionary<string, string>(result.Details ?? new Dictionary<string, string>())
            {
                ["silo"] = context.SiloId,
                ["attempt"] = context.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["wall_seconds"] = watch.Elapsed.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
            };
            return JsonSerializer.Serialize(new TrainingJobResult(artifactId, size, number, result.Metrics, details, userFeatures?.Number, itemFeatures?.Number), GrainJson.Options);
        }
        finally
        {
            TryDelete(work);
        }
    }

    // The named snapshot, else a fresh one of the samples, else the newest; a dataset with neither trains without features.
    private async Task<IDatasetSnapshot?> OpenFeaturesAsync(string? datasetId, int? wanted, CancellationToken cancellationToken)
    {
        if (datasetId is null) return null;
        int number;
        if (wanted is { } given) number = given;
        else
        {
            var info = await datasets.InfoAsync(datasetId);
            if (info.SampleCount == 0 && info.Latest is null) return null;
            number = await datasets.EnsureFreshSnapshotAsync(datasetId, cancellationToken);
        }

        return await datasets.OpenSnapshotAsync(datasetId, number, cancellationToken);
    }

    private void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not remove the work folder {Folder}", directory);
        }
    }

    /// <summary>Forwards a trainer's progress to the job; "validating" in the message switches the phase.</summary>
    private sealed class Progress(JobContext context, int snapshot) : ITrainingProgress
    {
        public async ValueTask ReportAsync(double percent, string message, IReadOnlyDictionary<string, double>? figures = null, CancellationToken cancellationToken = default)
        {
            var phase = message.Contains("validat", StringComparison.OrdinalIgnoreCase) || message.Contains("evaluat", StringComparison.OrdinalIgnoreCase)
                ? "validating" : "training";
            var details = new ProgressDetails
            {
                Phase = phase, Snapshot = snapshot,
                Figures = figures is null ? [] : new Dictionary<string, double>(figures.Where(f => double.IsFinite(f.Value))),
            };
            await context.ReportProgressAsync(Math.Min(98, percent), message, details.ToJson(), force: percent >= 100);
        }
    }
}
