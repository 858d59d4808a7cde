using System.Diagnostics;

namespace HttmOrleans.Cluster.Tests.Infrastructure;

/// <summary>
/// One host program (<c>dotnet HttmOrleans.X.dll</c>) as a child process: its output captured line by
/// line, waits that give up (and kill it) after a bound, SIGKILL and SIGTERM. Disposing kills what is
/// still running, so no test leaves a process behind.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<(bool Error, string Text)> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly TaskCompletionSource _outputDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _ownsDirectory;
    private int _openStreams = 2;

    private NodeProcess(Process process, string description, string workingDirectory, bool ownsDirectory)
    {
        _process = process;
        Description = description;
        WorkingDirectory = workingDirectory;
        _ownsDirectory = ownsDirectory;
        process.OutputDataReceived += (_, e) => Receive(error: false, e.Data);
        process.ErrorDataReceived += (_, e) => Receive(error: true, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The command line, for failure messages.</summary>
    public string Description { get; }

    /// <summary>Where it runs: ./data of a host is under here.</summary>
    public string WorkingDirectory { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Lines written to stdout so far.</summary>
    public IReadOnlyList<string> StandardOutput => Lines(error: false);

    /// <summary>Lines written to stderr so far, empty ones left out.</summary>
    public IReadOnlyList<string> StandardError => Lines(error: true).Where(l => l.Length > 0).ToList();

    /// <summary>Everything written so far, both streams in arrival order, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_lines) return string.Join('\n', _lines.Select(l => (l.Error ? "[err] " : "[out] ") + l.Text));
        }
    }

    /// <summary>
    /// Starts <c>dotnet <paramref name="program"/> <paramref name="args"/></c>. The HTTM_* and Httm__*
    /// variables of the test run are not passed on (a developer's HTTM_DB must not change a test), only
    /// <paramref name="environment"/>; the working directory is a fresh temporary folder (deleted on dispose) unless given.
    /// </summary>
    public static NodeProcess Start(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var arguments = args.ToList();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory ?? Directory.CreateTempSubdirectory("httm-node-").FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("HTTM_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Httm__", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            start.Environment[name] = value;
        start.ArgumentList.Add(program);
        foreach (var arg in arguments) start.ArgumentList.Add(arg);
        var description = string.Join(' ', new[] { Path.GetFileName(program) }.Concat(arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a)));
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + description);
        return new NodeProcess(process, description, start.WorkingDirectory, ownsDirectory: workingDirectory is null);
    }

    /// <summary>The first line (stdout or stderr, already written or still to come) that <paramref name="match"/> accepts.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            if (_lines.Select(l => l.Text).FirstOrDefault(match) is { } seen) return seen;
            _waiters.Add((match, found));
        }
        var finished = await Task.WhenAny(found.Task, _outputDone.Task, Task.Delay(timeout));
        if (finished == found.Task) return await found.Task;
        var why = finished == _outputDone.Task ? "it exited first" : $"not within {timeout.TotalSeconds:0.#} s";
        throw new TimeoutException($"{Description}: no such line, {why}. Output:\n{Output}");
    }

    /// <summary>The exit code; a process still running after <paramref name="timeout"/> is killed and the wait fails.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var bound = new CancellationTokenSource(timeout);
        try
        {
            // Also waits for both streams to be read to their end, so the output is complete.
            await _process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await _process.WaitForExitAsync();
            throw new TimeoutException($"{Description}: still running after {timeout.TotalSeconds:0.#} s, killed. Output:\n{Output}");
        }
        await _outputDone.Task;
        return _process.ExitCode;
    }

    /// <summary>SIGKILL to the process and its children: no goodbye.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    /// <summary>SIGTERM: the host stops gracefully.</summary>
    public void Terminate()
    {
        if (!_process.HasExited && PosixSignal.Send(_process.Id, PosixSignal.Term) != 0 && !_process.HasExited)
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        if (_ownsDirectory)
        {
            try
            {
                Directory.Delete(WorkingDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still being released; the temporary folder is cleaned up by the system.
            }
        }
    }

    private void Receive(bool error, string? line)
    {
        lock (_lines)
        {
            if (line is null)
            {
                if (--_openStreams == 0) _outputDone.TrySetResult();
                return;
            }
            _lines.Add((error, line));
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Found.TrySetResult(line);
            }
        }
    }

    private List<string> Lines(bool error)
    {
        lock (_lines) return _lines.Where(l => l.Error == error).Select(l => l.Text).ToList();
    }
}
