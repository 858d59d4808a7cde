using HttmOrleans.Summarization.Serving;

namespace HttmOrleans.Summarization.Hosting;

/// <summary>
/// A summarizer a serving node loaded from an artifact (see <see cref="SummarizerLoader"/>).
/// Dispose it when the active version changes: a seq2seq one owns a worker process.
/// </summary>
public sealed class LoadedSummarizer : ISummarizer, IAsyncDisposable
{
    private readonly ISummarizer _inner;

    internal LoadedSummarizer(string algorithm, string artifactDirectory, ISummarizer inner)
    {
        Algorithm = algorithm;
        ArtifactDirectory = artifactDirectory;
        _inner = inner;
    }

    /// <summary>The algorithm that made the artifact.</summary>
    public string Algorithm { get; }

    /// <summary>The artifact served.</summary>
    public string ArtifactDirectory { get; }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> SummarizeAsync(
        IReadOnlyList<string> texts,
        SummarizeOptions? options = null,
        CancellationToken cancellationToken = default) =>
        _inner.SummarizeAsync(texts, options, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_inner is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
    }
}
