using System.Text.Json.Nodes;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Training;

namespace HttmOrleans.Summarization.Tests.Hosting;

/// <summary>A work and an output folder under a temporary root, as the host gives a trainer; deleted on dispose.</summary>
internal sealed class TrainingFolders : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "httm-host-" + Guid.NewGuid().ToString("N")[..8]);

    public string Work => Path.Combine(Root, "work");

    public string Output => Path.Combine(Root, "output");

    public TrainingFolders()
    {
        Directory.CreateDirectory(Work);
        Directory.CreateDirectory(Output);
    }

    public TrainingRequest Request(string algorithm, JsonObject parameters, IDatasetSnapshot snapshot, string? baseArtifact = null) => new()
    {
        ModelId = "m1",
        VersionId = "v1",
        Algorithm = algorithm,
        Parameters = parameters,
        Snapshot = snapshot,
        BaseArtifactDirectory = baseArtifact,
        WorkDirectory = Work,
        OutputDirectory = Output,
        Seed = 7,
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
