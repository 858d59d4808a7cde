using System.Text.Json.Nodes;
using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.Grains.Training;

/// <summary>What the host gives a trainer for one training run.</summary>
public sealed record TrainingRequest
{
    /// <summary>The model being trained.</summary>
    public required string ModelId { get; init; }

    /// <summary>The version this run produces.</summary>
    public required string VersionId { get; init; }

    /// <summary>The algorithm (one of the trainer's).</summary>
    public required string Algorithm { get; init; }

    /// <summary>Resolved hyperparameters (defaults filled in by <see cref="ITrainer.Check"/>).</summary>
    public required JsonObject Parameters { get; init; }

    /// <summary>The immutable dataset snapshot to train on.</summary>
    public required IDatasetSnapshot Snapshot { get; init; }

    /// <summary>The model's user features (a <see cref="DatasetKinds.Features"/> snapshot), when it names a dataset for them.</summary>
    public IDatasetSnapshot? UserFeatures { get; init; }

    /// <summary>The model's item features (a <see cref="DatasetKinds.Features"/> snapshot), when it names a dataset for them.</summary>
    public IDatasetSnapshot? ItemFeatures { get; init; }

    /// <summary>When retraining from a base version: its artifact, unpacked here (read-only).</summary>
    public string? BaseArtifactDirectory { get; init; }

    /// <summary>An empty scratch folder, deleted after the run.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>An empty folder; everything written here becomes the version's artifact.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Seed for anything random (splits, initialisation), so a rerun is reproducible.</summary>
    public int Seed { get; init; } = 42;
}
