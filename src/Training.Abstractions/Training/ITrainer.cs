using System.Text.Json.Nodes;

namespace HttmOrleans.Grains.Training;

/// <summary>
/// The plug-in point for training: one implementation per (kind, algorithm), registered in DI.
/// A training runs as a job on a silo that has <see cref="Capability"/>; the host hands the
/// trainer a dataset snapshot and folders, and stores whatever it writes to
/// <see cref="TrainingRequest.OutputDirectory"/> as the version's artifact.
/// </summary>
public interface ITrainer
{
    /// <summary>The model kind this trains: <see cref="ModelKinds.Recommendation"/> or <see cref="ModelKinds.Summarization"/>.</summary>
    string Kind { get; }

    /// <summary>The algorithm name users give when they create a model (<c>popularity</c>, <c>svd</c>, <c>seq2seq</c>, …).</summary>
    string Algorithm { get; }

    /// <summary>One line for humans (shown in the API's algorithm list).</summary>
    string Description { get; }

    /// <summary>The silo capability a training needs (<c>cpu</c>, <c>gpu</c>).</summary>
    string Capability { get; }

    /// <summary>The hyperparameters with their types, ranges and defaults.</summary>
    IReadOnlyList<ParameterSpec> Parameters { get; }

    /// <summary>
    /// Validates <paramref name="given"/> against <see cref="Parameters"/>: unknown names and
    /// out-of-range values are errors; on success every default is filled in.
    /// </summary>
    ParameterCheck Check(JsonObject? given);

    /// <summary>
    /// Trains on <see cref="TrainingRequest.Snapshot"/>, writing the artifact files into
    /// <see cref="TrainingRequest.OutputDirectory"/>. Throw <see cref="OperationCanceledException"/>
    /// when <paramref name="cancellationToken"/> fires; any other exception fails the version with its message.
    /// </summary>
    Task<TrainingResult> TrainAsync(TrainingRequest request, ITrainingProgress progress, CancellationToken cancellationToken);
}
