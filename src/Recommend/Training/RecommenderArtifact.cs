using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Training;

/// <summary>The on-disk artifact of a trained recommender: one <c>model.bin</c> file in the version's artifact folder.</summary>
public static class RecommenderArtifact
{
    /// <summary>The model file's name inside an artifact folder.</summary>
    public const string FileName = "model.bin";

    /// <summary>Writes <paramref name="model"/> as <c>model.bin</c> in <paramref name="artifactDirectory"/> (created if missing).</summary>
    public static void Save(TrainedRecommender model, string artifactDirectory)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(artifactDirectory);
        var path = Path.Combine(artifactDirectory, FileName);
        var partial = path + ".partial";

        // Written aside and renamed, so a crash never leaves a half-written model.bin that looks complete.
        using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            model.Save(file);
            file.Flush(flushToDisk: true);
        }

        File.Move(partial, path, overwrite: true);
    }

    /// <summary>Loads the model an artifact folder holds.</summary>
    /// <exception cref="FileNotFoundException">The folder has no <c>model.bin</c>.</exception>
    /// <exception cref="InvalidDataException">The file is not a recommender model or is damaged.</exception>
    public static TrainedRecommender Load(string artifactDirectory)
    {
        var path = Path.Combine(artifactDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No recommender model in '{artifactDirectory}' (expected {FileName}).", path);
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return TrainedRecommender.Load(file);
    }
}
