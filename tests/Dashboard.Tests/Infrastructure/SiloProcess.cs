using System.Diagnostics;
using System.Text;

namespace HttmOrleans.Dashboard.Tests.Infrastructure;

/// <summary>A real <c>src/Silo</c> process joining the test cluster, as an operator scales out.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiloProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

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

    public static SiloProcess Start(string database, string id, string capabilities, string dataDirectory)
    {
        var silo = FindSiloAssembly();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(silo)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HTTM_DATA_DIR"] = dataDirectory;
        foreach (var arg in new[]
        {
            silo, "--db", database, "--id", id, "--capabilities", capabilities,
            "--Httm:Cluster:SiloPort=" + TestPorts.Take(), "--Httm:Cluster:GatewayPort=" + TestPorts.Take(),
            "--Httm:Cluster:AdvertisedAddress=127.0.0.1",
            "--Httm:Silo:ProgressInterval=00:00:00.250", "--Logging:LogLevel:Default=Warning",
            // As on the API node: seq2seq trains on CPU here, whichever silo the model grain lives on.
            "--Httm:Summarization:Capability=cpu",
        })
            start.ArgumentList.Add(arg);
        return new SiloProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet"));
    }

    /// <summary>The silo built beside these tests (same configuration), found from the repository root.</summary>
    private static string FindSiloAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "HttmOrleans.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
        var path = Path.Combine(root.FullName, "src", "Silo", "bin", configuration, "net10.0", "HttmOrleans.Silo.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build src/Silo first (dotnet build)", path);
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
