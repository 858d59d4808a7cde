using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Training;
using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Evaluation;
using HttmOrleans.Recommend.Features;
using HttmOrleans.Recommend.Hyperparameters;

namespace HttmOrleans.Recommend.Training;

/// <summary>
/// The server's trainer for one recommendation algorithm. A run reads the snapshot (and the model's user and item
/// features snapshots, when it names them: attached to every fit), fits on a seeded holdout split
/// and scores the held-out part (the metrics), then refits on every row and writes that model as
/// <see cref="RecommenderArtifact.FileName"/>: the metrics describe the holdout model, the artifact is the full one.
/// Progress: 0–10 % reading, 10–50 % holdout fit, 50–60 % evaluation, 60–100 % final fit and save.
/// </summary>
public sealed class RecommenderTrainer : ITrainer
{
    private const double ReadEnd = 10;
    private const double HoldoutFitEnd = 50;
    private const double EvaluationEnd = 60;
    private const double FinalFitEnd = 98;

    private readonly IRecommenderAlgorithm _algorithm;

    // The algorithm's parameters followed by the common ones; a name clash between them fails here, at start-up.
    private readonly HyperparameterSchema _schema;

    /// <summary>Wraps <paramref name="algorithm"/>; see <see cref="RecommenderTrainers.All"/> for every built-in one.</summary>
    public RecommenderTrainer(IRecommenderAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        _algorithm = algorithm;
        _schema = new HyperparameterSchema([.. algorithm.Schema.Parameters, .. CommonParameters.Specs]);
        Parameters = [.. _schema.Parameters.Select(ParameterMapping.ToParameterSpec)];
    }

    /// <inheritdoc/>
    public string Kind => ModelKinds.Recommendation;

    /// <inheritdoc/>
    public string Algorithm => _algorithm.Name;

    /// <inheritdoc/>
    public string Description => _algorithm.Description;

    /// <inheritdoc/>
    public string Capability => "cpu";

    /// <summary>The algorithm's hyperparameters, then <c>split</c>, <c>test_fraction</c> and <c>k</c>, which every recommender takes.</summary>
    public IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>
    /// Validates <paramref name="given"/>: unknown names, wrong JSON types, out-of-range numbers and a parameter given
    /// under two spellings are errors; aliases (e.g. <c>n_components</c>) are accepted and resolved to the canonical name.
    /// </summary>
    public ParameterCheck Check(JsonObject? given)
    {
        var resolution = _schema.Resolve(ParameterMapping.ToElements(given));
        return resolution.Values is { } values
            ? ParameterCheck.Ok(ParameterMapping.ToJsonObject(_schema.Parameters, values))
            : ParameterCheck.Fail([.. resolution.Errors.Select(e => new FieldError(e.Field, e.Reason))]);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Another algorithm was asked for, or the parameters do not pass <see cref="Check"/>.</exception>
    /// <exception cref="InvalidDataException">
    /// The snapshot is empty, not an interactions snapshot, has a bad row, or lacks the timestamps its split needs; or a
    /// features snapshot is not of kind <c>features</c> or has a bad row. Feature rows for unknown entities are not errors.
    /// </exception>
    public async Task<TrainingResult> TrainAsync(TrainingRequest request, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        if (!string.Equals(request.Algorithm, Algorithm, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"This trainer trains '{Algorithm}', not '{request.Algorithm}'.");
        }

        var settings = Resolve(request.Parameters);
        var snapshot = request.Snapshot;
        await progress.ReportAsync(0, "reading the dataset snapshot", null, cancellationToken).ConfigureAwait(false);
        var log = await SnapshotReader.ReadAsync(
            snapshot,
            rows => progress.ReportAsync(ReadEnd * rows / Math.Max(rows, snapshot.RowCount), Invariant($"read {rows} of {snapshot.RowCount} rows"), null, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        var implicitFeedback = Array.TrueForAll(log.Ratings, r => r == 1f);
        await progress.ReportAsync(ReadEnd, Invariant($"read {log.Count} interactions: {log.UserIds.Count} users, {log.ItemIds.Count} items"), null, cancellationToken).ConfigureAwait(false);

        // Before any split, so feature-only items are in the catalogue (cold items) and feature-only users exist.
        var featureDetails = new Dictionary<string, string>(StringComparer.Ordinal);
        var userFeatures = await ReadFeaturesAsync(request.UserFeatures, "user", log.UserIds, featureDetails, progress, cancellationToken).ConfigureAwait(false);
        var itemFeatures = await ReadFeaturesAsync(request.ItemFeatures, "item", log.ItemIds, featureDetails, progress, cancellationToken).ConfigureAwait(false);
        var features = (User: userFeatures, Item: itemFeatures);

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["train_rows"] = log.Count, ["test_rows"] = 0 };
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["algorithm"] = Algorithm,
            ["parameters"] = settings.Algorithm.ToJson(),
            ["split"] = settings.Split,
            ["seed"] = request.Seed.ToString(CultureInfo.InvariantCulture),
            ["rows"] = log.Count.ToString(CultureInfo.InvariantCulture),
            ["users"] = log.UserIds.Count.ToString(CultureInfo.InvariantCulture),
            ["items"] = log.ItemIds.Count.ToString(CultureInfo.InvariantCulture),
            ["feedback"] = implicitFeedback ? "implicit" : "explicit",
            ["artifact"] = RecommenderArtifact.FileName,
        };
        foreach (var (key, value) in featureDetails)
        {
            details[key] = value;
        }

        if (request.BaseArtifactDirectory is not null)
        {
            details["warm_start"] = "not supported: recommenders train from scratch on the snapshot; the base version's artifact was not used";
        }

        var finalFrom = ReadEnd;
        var holdout = settings.Evaluates ? Split(log, settings, request.Seed) : null;
        if (holdout is { Train.Count: > 0, Test.Count: > 0 })
        {
            await EvaluateAsync(holdout, features, settings, progress, metrics, cancellationToken).ConfigureAwait(false);
            details["metrics_from"] = settings.Split switch
            {
                CommonParameters.ItemColdStartSplit => "a holdout fit on train_rows without the cold_items, scored on their test_rows and ranking those cold items only; the artifact is a refit on all rows",
                CommonParameters.UserColdStartSplit => "a holdout fit on train_rows without the cold_users, scored on their test_rows; the artifact is a refit on all rows",
                _ => "a holdout fit on train_rows, scored on test_rows; the artifact is a refit on all rows",
            };
            finalFrom = EvaluationEnd;
        }
        else
        {
            details["metrics_from"] = settings.Evaluates
                ? "none: the split left the train or the test part empty (too few interactions)"
                : "none: test_fraction is 0";
        }

        // Let the holdout arrays go before the full fit allocates its own.
        holdout = null;
        var started = Stopwatch.GetTimestamp();
        var model = await FitRunner.FitAsync(_algorithm, log.ToMatrix().WithFeatures(features.User, features.Item), settings.Algorithm, progress, (finalFrom, FinalFitEnd, "final fit on all rows"), cancellationToken).ConfigureAwait(false);
        metrics["final_fit_seconds"] = Stopwatch.GetElapsedTime(started).TotalSeconds;
        metrics.TryAdd("fit_seconds", metrics["final_fit_seconds"]);
        cancellationToken.ThrowIfCancellationRequested();

        RecommenderArtifact.Save(model, request.OutputDirectory);
        await progress.ReportAsync(100, "model saved", null, cancellationToken).ConfigureAwait(false);
        return new TrainingResult(metrics) { Details = details };
    }

    private static TrainTestSplit Split(InteractionLog log, TrainingSettings settings, int seed)
    {
        switch (settings.Split)
        {
            case CommonParameters.RandomSplit:
                return DataSplit.RandomHoldout(log, settings.TestFraction, seed);
            case CommonParameters.ItemColdStartSplit:
                return DataSplit.ItemColdStart(log, settings.TestFraction, seed);
            case CommonParameters.UserColdStartSplit:
                return DataSplit.UserColdStart(log, settings.TestFraction, seed);
        }

        if (log.Timestamps is null)
        {
            throw new InvalidDataException(
                $"split '{CommonParameters.LeaveLatestOutSplit}' needs a timestamp on every interaction and this snapshot has rows without one; use split '{CommonParameters.RandomSplit}'.");
        }

        return DataSplit.LeaveLatestOut(log, perUser: 1);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static async Task<FeatureMatrix?> ReadFeaturesAsync(
        IDatasetSnapshot? snapshot, string role, IdMap entities, Dictionary<string, string> details, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        if (snapshot is null)
        {
            return null;
        }

        await progress.ReportAsync(ReadEnd, $"reading the {role} features snapshot", null, cancellationToken).ConfigureAwait(false);
        var matrix = await FeatureSnapshotReader.ReadAsync(
            snapshot,
            role,
            entities,
            details,
            rows => progress.ReportAsync(ReadEnd, Invariant($"read {rows} of {snapshot.RowCount} {role} feature rows"), null, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        await progress.ReportAsync(ReadEnd, $"{role} features: {details[role + "_features"]}", null, cancellationToken).ConfigureAwait(false);
        return matrix;
    }

    private async Task EvaluateAsync(
        TrainTestSplit split, (FeatureMatrix? User, FeatureMatrix? Item) features, TrainingSettings settings, ITrainingProgress progress, Dictionary<string, double> metrics, CancellationToken cancellationToken)
    {
        metrics["train_rows"] = split.Train.Count;
        metrics["test_rows"] = split.Test.Count;
        if (split.ColdItems is { } coldItems)
        {
            metrics["cold_items"] = coldItems.Count;
        }

        if (split.ColdUsers is { } coldUsers)
        {
            metrics["cold_users"] = coldUsers.Count;
        }

        var started = Stopwatch.GetTimestamp();
        var model = await FitRunner.FitAsync(_algorithm, split.Train.ToMatrix().WithFeatures(features.User, features.Item), settings.Algorithm, progress, (ReadEnd, HoldoutFitEnd, "holdout fit"), cancellationToken).ConfigureAwait(false);
        metrics["fit_seconds"] = Stopwatch.GetElapsedTime(started).TotalSeconds;

        await progress.ReportAsync(HoldoutFitEnd, Invariant($"scoring {split.Test.Count} held-out interactions"), null, cancellationToken).ConfigureAwait(false);
        var report = await Task.Run(() => Evaluator.Evaluate(model, split.Test, new EvaluationOptions { K = settings.K, CandidateItems = split.ColdItems }), cancellationToken).ConfigureAwait(false);
        HoldoutMetrics.Add(metrics, report);
        await progress.ReportAsync(EvaluationEnd, Invariant($"holdout ndcg@{settings.K} {report.Ndcg:F4}"), null, cancellationToken).ConfigureAwait(false);
    }

    private TrainingSettings Resolve(JsonObject parameters)
    {
        var resolution = _schema.Resolve(ParameterMapping.ToElements(parameters));
        if (resolution.Values is not { } values)
        {
            throw new ArgumentException(
                $"Invalid hyperparameters for {Algorithm}: " + string.Join(" ", resolution.Errors.Select(e => $"{e.Field}: {e.Reason}")));
        }

        var own = values.Values.Where(kv => !CommonParameters.IsCommon(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return new TrainingSettings(
            _algorithm.Schema.ResolveOrThrow(own),
            values.GetString(CommonParameters.Split),
            values.GetFloat(CommonParameters.TestFraction),
            values.GetInt(CommonParameters.K));
    }
}
