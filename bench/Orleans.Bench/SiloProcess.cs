using System.Diagnostics;
using System.Globalization;

namespace HttmOrleans.OrleansBench;

/// <summary>This benchmark started again in <c>--silo</c> mode: a real silo process that can be SIGKILLed.</summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, int pid)
    {
        _process = process;
        Pid = pid;
    }

    public int Pid { get; }

    public static async Task<SiloProcess> StartAsync(string database, string clusterId)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path to start a silo from.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = false };
        // Under `dotnet HttmOrleans.Orleans.Bench.dll` the process is dotnet itself: pass the assembly again.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(SiloProcess).Assembly.Location);
        foreach (var argument in new[] { "--silo", database, clusterId }) start.ArgumentList.Add(argument);

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {self}.");
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("ready ", StringComparison.Ordinal))
                ready.TrySetResult(int.Parse(line["ready ".Length..], CultureInfo.InvariantCulture));
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"silo process exited with {process.ExitCode} before it was ready"));
        process.BeginOutputReadLine();
        try
        {
            return new SiloProcess(process, await ready.Task.WaitAsync(TimeSpan.FromSeconds(90)));
        }
        catch
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the membership table.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
