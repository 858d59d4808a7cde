using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using HttmOrleans.Summarization.Training;

namespace HttmOrleans.Summarization.Serving;

/// <summary>One running <c>trainer.py serve</c> process and the requests in flight on it.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StderrTail _stderr;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<IReadOnlyList<string>>> _pending = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Task _reader;
    private long _nextId;
    private volatile bool _brokenPipe;

    public WorkerProcess(TrainerProcessOptions options, string artifactDir, string device)
    {
        _stderr = new StderrTail(options.StderrTailChars);
        _process = TrainerProcessLauncher.Start(options, ["serve", "--artifact", artifactDir, "--device", device], _stderr);
        _reader = Task.Run(ReadLoopAsync);
    }

    public Task Ready => _ready.Task;

    /// <summary>
    /// False once the output has ended or a write found the pipe closed: a killed process breaks
    /// the pipe a moment before its output's end is read, and a retry must not pick it again.
    /// </summary>
    public bool IsAlive => !_brokenPipe && !Exited.IsCompleted;

    public Task Exited => _reader;

    public int ProcessId => _process.Id;

    public async Task<IReadOnlyList<string>> SendAsync(IReadOnlyList<string> texts, SummarizeOptions options, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<IReadOnlyList<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var line = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id,
            ["texts"] = texts,
            ["max_length"] = options.MaxLength,
            ["num_beams"] = options.NumBeams,
            ["no_repeat_ngram_size"] = options.NoRepeatNgramSize,
        });
        try
        {
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                if (!IsAlive)
                    throw Crashed();
                await _process.StandardInput.WriteLineAsync(line.AsMemory(), cancellationToken);
                await _process.StandardInput.FlushAsync(cancellationToken);
            }
            catch (IOException e)
            {
                _brokenPipe = true;
                throw Crashed(e);
            }
            finally
            {
                _writeLock.Release();
            }
            await using (cancellationToken.Register(() => reply.TrySetCanceled(cancellationToken)))
                return await reply.Task;
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
                Dispatch(line);
            await _process.WaitForExitAsync();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            _stderr.AppendLine("[worker] " + e.Message);
        }
        var crash = Crashed();
        _ready.TrySetException(crash);
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var waiting))
                waiting.TrySetException(crash);
        }
    }

    private void Dispatch(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            _stderr.AppendLine("[stdout] " + line);
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.TryGetProperty("type", out var type))
            {
                if (type.GetString() == "ready")
                    _ready.TrySetResult();
                else if (type.GetString() == "error" && root.TryGetProperty("message", out var message))
                    _stderr.AppendLine("[error] " + message.GetString());
                return;
            }
            if (!root.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.Number
                || !_pending.TryGetValue(idElement.GetInt64(), out var reply))
            {
                return;
            }
            if (root.TryGetProperty("error", out var error))
            {
                reply.TrySetException(new SummarizationRequestException(error.GetString() ?? "unknown error"));
            }
            else
            {
                var summaries = root.GetProperty("summaries").EnumerateArray().Select(s => s.GetString() ?? "").ToList();
                reply.TrySetResult(summaries);
            }
        }
    }

    private TrainerFailedException Crashed(Exception? inner = null)
    {
        int? code = _process.HasExited ? _process.ExitCode : null;
        return new TrainerFailedException($"The summarization worker exited (code {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}).",
            code, _stderr.ToString(), inner);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Closing stdin is the worker's signal to finish; kill it if it lingers.
            _process.StandardInput.Close();
            await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is IOException or TimeoutException or InvalidOperationException)
        {
        }
        finally
        {
            PosixSignals.KillTree(_process);
            _process.Dispose();
            _writeLock.Dispose();
        }
    }
}
