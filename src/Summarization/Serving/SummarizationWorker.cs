using HttmOrleans.Summarization.Training;

namespace HttmOrleans.Summarization.Serving;

/// <summary>
/// A long-lived inference process for one artifact (the active version on this node): many
/// concurrent callers share it through a request/response multiplexer over its stdin/stdout.
/// If the process dies it is started again on the next request, and a request that was in
/// flight when it died is retried once.
/// </summary>
public sealed class SummarizationWorker : ISummarizer, IAsyncDisposable
{
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly TrainerProcessOptions _options;
    private WorkerProcess? _current;
    private bool _disposed;
    private int _starts;

    /// <summary>Creates a worker; the process starts on <see cref="StartAsync"/> or the first request.</summary>
    public SummarizationWorker(string artifactDir, TrainerProcessOptions? options = null, string device = "auto")
    {
        ArgumentException.ThrowIfNullOrEmpty(artifactDir);
        ArtifactDir = artifactDir;
        Device = device;
        _options = options ?? new TrainerProcessOptions();
    }

    /// <summary>The model directory served.</summary>
    public string ArtifactDir { get; }

    /// <summary><c>auto</c>, <c>cpu</c> or <c>cuda</c>.</summary>
    public string Device { get; }

    /// <summary>How many times the process had to be started again after dying.</summary>
    public int Restarts => Math.Max(0, Volatile.Read(ref _starts) - 1);

    internal int? ProcessId => _current is { IsAlive: true } c ? c.ProcessId : null;

    /// <summary>Starts the process and waits until the model is loaded.</summary>
    /// <exception cref="TrainerFailedException">The process could not load the artifact.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default) =>
        await EnsureRunningAsync(cancellationToken);

    /// <summary>Summarizes one text.</summary>
    public async Task<string> SummarizeAsync(string text, SummarizeOptions? options = null, CancellationToken cancellationToken = default) =>
        (await SummarizeAsync([text], options, cancellationToken))[0];

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> SummarizeAsync(
        IReadOnlyList<string> texts,
        SummarizeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        options ??= new SummarizeOptions();
        for (var attempt = 0; ; attempt++)
        {
            var worker = await EnsureRunningAsync(cancellationToken);
            try
            {
                return await worker.SendAsync(texts, options, cancellationToken);
            }
            catch (TrainerFailedException) when (attempt == 0 && !worker.IsAlive && !_disposed)
            {
                // The process died under this request; summarizing is idempotent, so try once more on a fresh one.
            }
        }
    }

    private async Task<WorkerProcess> EnsureRunningAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var current = Volatile.Read(ref _current);
        if (current is { IsAlive: true } && current.Ready.IsCompletedSuccessfully)
            return current;
        await _startLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_current is not { IsAlive: true })
            {
                if (_current is not null)
                    await _current.DisposeAsync();
                _current = new WorkerProcess(_options, ArtifactDir, Device);
                Interlocked.Increment(ref _starts);
            }
            await _current.Ready.WaitAsync(cancellationToken);
            return _current;
        }
        finally
        {
            _startLock.Release();
        }
    }

    /// <summary>Closes the process's stdin so it exits, killing it if it does not.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await _startLock.WaitAsync();
        try
        {
            if (_current is not null)
                await _current.DisposeAsync();
            _current = null;
        }
        finally
        {
            _startLock.Release();
            _startLock.Dispose();
        }
    }
}
