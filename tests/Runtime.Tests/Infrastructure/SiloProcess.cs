using System.Diagnostics;
using System.Text;

namespace HttmOrleans.Runtime.Tests.Infrastructure;

/// <summary>A real <c>src/Silo</c> process with the test grains loaded as a plugin.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(string id, Process process)
    {
        Id = id;
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Id { get; }
    public bool HasExited => _process.HasExited;
    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public static SiloProcess Start(string database, string id, string capabilities = "cpu")
    {
        var silo = FindSiloAssembly();
        var plugin = Path.Combine(AppContext.BaseDirectory, "HttmOrleans.Runtime.TestGrains.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(silo)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            silo, "--db", database, "--id", id, "--capabilities", capabilities, "--plugins", plugin,
            "--Httm:Silo:JobLease=00:00:03", "--Httm:Silo:PollInterval=00:00:00.200", "--Httm:Silo:HeartbeatInterval=00:00:01",
            "--Httm:Silo:ProgressInterval=00:00:00.200", "--Logging:Console:FormatterName=simple",
        })
            start.ArgumentList.Add(arg);
        return new SiloProcess(id, Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet"));
    }

    /// <summary>The silo built beside these tests (same configuration).</summary>
    private static string FindSiloAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "HttmOrleans.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
        var path = Path.Combine(root.FullName, "src", "Silo", "bin", configuration, "net10.0", "HttmOrleans.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build src/Silo first (dotnet build)", path);
    }

    /// <summary>SIGKILL: no goodbye, leases are left to expire.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM: the host stops gracefully and hands its work back.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
