using HttmOrleans.Summarization.Serving;
using HttmOrleans.Summarization.Training;

namespace HttmOrleans.Summarization.Hosting;

/// <summary>Loads a trained artifact into a summarizer on a serving node.</summary>
public static class SummarizerLoader
{
    /// <summary>
    /// Opens <paramref name="artifactDirectory"/> as written by the trainer of <paramref name="algorithm"/>:
    /// <c>seq2seq</c> starts a long-lived worker process and waits until the model is loaded;
    /// <c>lead-k</c> runs in-process.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown algorithm, or an artifact another algorithm wrote.</exception>
    /// <exception cref="TrainerFailedException">The worker could not load the model (its stderr tail is attached).</exception>
    public static async Task<LoadedSummarizer> LoadAsync(
        string algorithm,
        string artifactDirectory,
        SummarizationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(algorithm);
        ArgumentException.ThrowIfNullOrEmpty(artifactDirectory);
        options ??= new SummarizationOptions();
        if (!Directory.Exists(artifactDirectory))
            throw new DirectoryNotFoundException($"Artifact directory not found: {artifactDirectory}");
        var manifest = await SummarizerManifest.ReadAsync(artifactDirectory, cancellationToken);
        if (manifest is not null && manifest.Algorithm != algorithm)
            throw new ArgumentException($"The artifact in {artifactDirectory} was made by '{manifest.Algorithm}', not '{algorithm}'.", nameof(algorithm));
        switch (algorithm)
        {
            case LeadKTrainer.AlgorithmName:
                var k = manifest?.K ?? throw new ArgumentException($"{artifactDirectory} has no {SummarizerManifest.FileName} with k.", nameof(artifactDirectory));
                return new LoadedSummarizer(algorithm, artifactDirectory, new LeadKSummarizer(k));
            case Seq2SeqTrainer.AlgorithmName:
                var worker = new SummarizationWorker(artifactDirectory, options.ToProcessOptions(), options.Device);
                try
                {
                    await worker.StartAsync(cancellationToken);
                }
                catch
                {
                    await worker.DisposeAsync();
                    throw;
                }
                return new LoadedSummarizer(algorithm, artifactDirectory, worker);
            default:
                throw new ArgumentException($"No summarizer for algorithm '{algorithm}' (known: {Seq2SeqTrainer.AlgorithmName}, {LeadKTrainer.AlgorithmName}).", nameof(algorithm));
        }
    }
}
