using System.Text.Json.Nodes;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Training;

namespace HttmOrleans.Recommend.Tests.Training;

/// <summary>Real folders for training runs: each request gets its own empty work and output folder; all removed afterwards.</summary>
public sealed class TrainingFolder : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("recommend-training-").FullName;
    private int _runs;

    public TrainingRequest Request(string algorithm, JsonObject parameters, IDatasetSnapshot snapshot, int seed = 42, string? baseArtifact = null)
    {
        var run = Path.Combine(_root, "run" + Interlocked.Increment(ref _runs));
        return new TrainingRequest
        {
            ModelId = "m1",
            VersionId = "v1",
            Algorithm = algorithm,
            Parameters = parameters,
            Snapshot = snapshot,
            WorkDirectory = Directory.CreateDirectory(Path.Combine(run, "work")).FullName,
            OutputDirectory = Directory.CreateDirectory(Path.Combine(run, "out")).FullName,
            BaseArtifactDirectory = baseArtifact,
            Seed = seed,
        };
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
