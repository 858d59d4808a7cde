using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HttmOrleans.Cluster.Tests.Infrastructure;
using HttmOrleans.Storage.Configuration;
using Xunit;

namespace HttmOrleans.Cluster.Tests;

/// <summary>The API node (src/Api, in-process silo, embedded SQLite under ./data) as a user starts it.</summary>
public sealed class ApiCommandLineTests
{
    private const string Name = "httm-api";

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_lists_every_option_and_variable_and_exits_0(string flag)
    {
        await using var api = NodeProcess.Start(HostPrograms.Api, ["--urls", "http://127.0.0.1:1", flag]);

        Assert.Equal(0, await api.WaitForExitAsync(HostRun.RefusalBound));
        var help = string.Join('\n', api.StandardOutput);
        Assert.StartsWith("Usage: ", help, StringComparison.Ordinal);
        foreach (var option in HttmConfiguration.Switches.Keys.Append("--urls").Append("--help"))
            Assert.Contains(option, help, StringComparison.Ordinal);
        foreach (var variable in HttmConfiguration.EnvironmentVariables.Keys.Concat(["HTTM_DATA_DIR", "HTTM_ADMIN_USER", "HTTM_ADMIN_PASSWORD"]))
            Assert.Contains(variable, help, StringComparison.Ordinal);
        Assert.Contains("Examples:", help, StringComparison.Ordinal);
        Assert.Empty(api.StandardError);
        Assert.False(Directory.Exists(Path.Combine(api.WorkingDirectory, "data")), "--help must not create the data folder");
    }

    [Fact]
    public async Task An_unknown_option_is_one_line_naming_it_and_exit_2()
    {
        await using var api = NodeProcess.Start(HostPrograms.Api, ["--url", "http://127.0.0.1:8080"]);

        Assert.Equal(HttmCommandLine.UsageError, await api.WaitForExitAsync(HostRun.RefusalBound));
        Assert.Equal($"{Name}: unknown option --url (see --help)", HostRun.SingleErrorLine(api, Name));
    }

    [Fact]
    public async Task A_provider_that_does_not_exist_is_one_line_naming_the_setting_and_exit_2()
    {
        await using var api = NodeProcess.Start(HostPrograms.Api, ["--provider", "mysql", .. Listening(TestPorts.Take())]);

        Assert.Equal(HttmCommandLine.UsageError, await api.WaitForExitAsync(HostRun.RefusalBound));
        var line = HostRun.SingleErrorLine(api, Name);
        Assert.Contains("Httm:Provider", line, StringComparison.Ordinal);
        Assert.Contains("'mysql'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_already_in_use_is_one_line_naming_the_address_and_exit_2()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        await using var api = NodeProcess.Start(HostPrograms.Api, Listening(port));

        Assert.Equal(HttmCommandLine.UsageError, await api.WaitForExitAsync(HostRun.StartBound));
        var line = HostRun.SingleErrorLine(api, Name);
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Contains("in use", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_stopped_with_SIGTERM_exits_0_with_nothing_on_stderr()
    {
        var port = TestPorts.Take();
        await using var api = NodeProcess.Start(HostPrograms.Api, Listening(port));
        await api.WaitForLineAsync(l => l.Contains($"Now listening on: http://127.0.0.1:{port}", StringComparison.Ordinal), HostRun.StartBound);

        api.Terminate();

        Assert.Equal(0, await api.WaitForExitAsync(HostRun.RefusalBound));
        Assert.Empty(api.StandardError);
        Assert.True(File.Exists(Path.Combine(api.WorkingDirectory, "data", "httm.db")), "the embedded database is ./data/httm.db");
    }

    [Fact]
    public async Task Disposing_a_running_node_leaves_no_process_behind()
    {
        var port = TestPorts.Take();
        var api = NodeProcess.Start(HostPrograms.Api, Listening(port));
        var pid = api.Pid;
        await api.WaitForLineAsync(l => l.Contains("Now listening on:", StringComparison.Ordinal), HostRun.StartBound);

        await api.DisposeAsync();

        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));
    }

    // Its own HTTP port and cluster ports, so tests and other projects running at once never collide.
    private static string[] Listening(int port) => ["--urls", $"http://127.0.0.1:{port}", .. HostRun.OwnClusterPorts()];
}
