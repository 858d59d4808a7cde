using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using HttmOrleans.Summarization.Training.Events;

namespace HttmOrleans.Summarization.Training;

/// <summary>
/// Runs one training in a separate Python process (PyTorch): writes the config to its stdin and
/// turns its stdout lines into <see cref="TrainerEvent"/>s. The process is isolated from the
/// host: a crash surfaces as <see cref="TrainerFailedException"/> carrying the tail of stderr,
/// cancellation sends SIGTERM (the trainer saves a checkpoint) and kills the process if it has
/// not exited after <see cref="TrainerProcessOptions.StopGracePeriod"/>.
/// </summary>
public sealed class Seq2SeqTrainerProcess(TrainerProcessOptions? options = null)
{
    internal static readonly JsonSerializerOptions ConfigJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The process settings in use.</summary>
    public TrainerProcessOptions Options { get; } = options ?? new TrainerProcessOptions();

    /// <summary>
    /// Streams the events of one training run. On cancellation the remaining events (normally a
    /// <see cref="TrainerStopped"/>) are still yielded while the process shuts down, then
    /// <see cref="OperationCanceledException"/> is thrown. Abandoning the enumeration kills the process.
    /// </summary>
    public async IAsyncEnumerable<TrainerEvent> RunAsync(
        Seq2SeqTrainingConfig config,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var stderr = new StderrTail(Options.StderrTailChars);
        var process = TrainerProcessLauncher.Start(Options, ["train"], stderr);
        using var graceTimer = new CancellationTokenSource();
        string? error = null;
        var finished = false;
        var stopped = false;
        try
        {
            try
            {
                await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(config, ConfigJson));
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The process died before reading its config; its exit code and stderr tell why.
            }

            await using var registration = cancellationToken.Register(() => RequestStop(process, graceTimer.Token));
            while (await process.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
            {
                var e = TrainerEventParser.Parse(line, out var errorMessage);
                if (errorMessage is not null)
                    error = errorMessage;
                if (e is null)
                {
                    if (errorMessage is null)
                        stderr.AppendLine("[stdout] " + line);
                    continue;
                }
                finished |= e is TrainerDone;
                stopped |= e is TrainerStopped;
                yield return e;
            }
            await process.WaitForExitAsync(CancellationToken.None);
            await graceTimer.CancelAsync();

            var exitCode = process.ExitCode;
            if (error is not null)
                throw new TrainerFailedException($"Trainer failed: {error}", exitCode, stderr.ToString());
            if (cancellationToken.IsCancellationRequested)
                throw new OperationCanceledException("Training was cancelled" + (stopped ? " after a checkpoint." : "."), cancellationToken);
            if (exitCode != 0)
                throw new TrainerFailedException($"Trainer exited with code {exitCode}.", exitCode, stderr.ToString());
            if (!finished)
                throw new TrainerFailedException("Trainer exited without reporting done.", exitCode, stderr.ToString());
        }
        finally
        {
            PosixSignals.KillTree(process);
            process.Dispose();
        }
    }

    /// <summary>
    /// Runs a training to its end. Every event goes to <paramref name="onEvent"/> (map progress onto
    /// the model version there). Cancellation stops the process after a checkpoint and returns a
    /// result with <see cref="TrainingResult.Stopped"/> set, rather than throwing.
    /// </summary>
    /// <exception cref="TrainerFailedException">The process crashed, reported an error or exited non-zero.</exception>
    public async Task<TrainingResult> TrainAsync(
        Seq2SeqTrainingConfig config,
        Action<TrainerEvent>? onEvent = null,
        CancellationToken cancellationToken = default)
    {
        var evaluations = new List<TrainerMetric>();
        TrainerHello? hello = null;
        string? artifact = null;
        string? checkpoint = null;
        var step = 0;
        var stopped = false;
        try
        {
            await foreach (var e in RunAsync(config, cancellationToken))
            {
                onEvent?.Invoke(e);
                switch (e)
                {
                    case TrainerHello h: hello = h; break;
                    case TrainerMetric m: evaluations.Add(m); step = m.Step; break;
                    case TrainerProgress p: step = p.Step; break;
                    case TrainerCheckpoint c: checkpoint = c.Path; break;
                    case TrainerArtifact a: artifact = a.Path; break;
                    case TrainerStopped s: stopped = true; checkpoint = s.CheckpointPath; step = s.Step; break;
                    case TrainerDone d: step = d.Step; break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stopped = true;
        }
        return new TrainingResult
        {
            Stopped = stopped,
            ArtifactPath = stopped ? null : artifact,
            CheckpointPath = checkpoint,
            Step = step,
            Evaluations = evaluations,
            Hello = hello,
        };
    }

    private void RequestStop(Process process, CancellationToken graceToken)
    {
        PosixSignals.Terminate(process);
        _ = Task.Delay(Options.StopGracePeriod, graceToken).ContinueWith(
            t =>
            {
                if (!t.IsCanceled)
                    PosixSignals.KillTree(process);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
