using System.Diagnostics;
using HttmOrleans.Cluster.Tests.Infrastructure;
using HttmOrleans.Storage.Configuration;
using Xunit;

namespace HttmOrleans.Cluster.Tests;

/// <summary>The headless silo (src/Silo) as a user starts it: help, refusals, a graceful stop.</summary>
public sealed class SiloCommandLineTests
{
    private const string Name = "httm-silo";

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_lists_every_option_and_variable_and_exits_0(string flag)
    {
        await using var silo = NodeProcess.Start(HostPrograms.Silo, [flag]);

        Assert.Equal(0, await silo.WaitForExitAsync(HostRun.RefusalBound));
        var help = string.Join('\n', silo.StandardOutput);
        Assert.StartsWith("Usage: ", help, StringComparison.Ordinal);
        foreach (var option in HttmConfiguration.Switches.Keys.Append("--help"))
            Assert.Contains(option, help, StringComparison.Ordinal);
        foreach (var variable in HttmConfiguration.EnvironmentVariables.Keys.Append("HTTM_DATA_DIR"))
            Assert.Contains(variable, help, StringComparison.Ordinal);
        Assert.Contains("Examples:", help, StringComparison.Ordinal);
        Assert.Empty(silo.StandardError);
    }

    [Theory]
    [InlineData("--bogus", "unknown option --bogus")]
    [InlineData("--dbb=Host=127.0.0.1", "unknown option --dbb")]
    [InlineData("-x", "unknown option -x")]
    [InlineData("stray", "unexpected argument 'stray'; options start with --")]
    [InlineData("--capabilities", "option --capabilities needs a value")]
    public async Task A_command_line_it_would_misread_is_one_line_naming_the_argument_and_exit_2(string argument, string expected)
    {
        await using var silo = NodeProcess.Start(HostPrograms.Silo, ["--db", "Host=127.0.0.1;Port=1;Username=x", argument]);

        Assert.Equal(HttmCommandLine.UsageError, await silo.WaitForExitAsync(HostRun.RefusalBound));
        Assert.Equal($"{Name}: {expected} (see --help)", HostRun.SingleErrorLine(silo, Name));
    }

    [Fact]
    public async Task A_silo_without_a_database_says_how_to_give_one_and_exits_2()
    {
        await using var silo = NodeProcess.Start(HostPrograms.Silo, ["--capabilities", "cpu"]);

        Assert.Equal(HttmCommandLine.UsageError, await silo.WaitForExitAsync(HostRun.RefusalBound));
        var line = HostRun.SingleErrorLine(silo, Name);
        Assert.Contains("no database", line, StringComparison.Ordinal);
        Assert.Contains("--db", line, StringComparison.Ordinal);
        Assert.Contains("HTTM_DB", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_is_one_line_naming_the_address_and_exit_2_within_the_bound()
    {
        var clock = Stopwatch.StartNew();
        await using var silo = NodeProcess.Start(HostPrograms.Silo, ["--db", "Host=127.0.0.1;Port=1;Username=x", .. HostRun.OwnClusterPorts()]);

        Assert.Equal(HttmCommandLine.UsageError, await silo.WaitForExitAsync(HostRun.RefusalBound));
        var line = HostRun.SingleErrorLine(silo, Name);
        Assert.Contains("database", line, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1", line, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < HostRun.RefusalBound, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_malformed_connection_string_is_one_line_naming_the_setting_without_its_value()
    {
        await using var silo = NodeProcess.Start(HostPrograms.Silo, ["--db", "Host=127.0.0.1;Port=abc;Password=secret-value"]);

        Assert.Equal(HttmCommandLine.UsageError, await silo.WaitForExitAsync(HostRun.RefusalBound));
        var line = HostRun.SingleErrorLine(silo, Name);
        Assert.Equal($"{Name}: Httm:Database is not a valid PostgreSQL connection string: Couldn't set port", line);
    }

    [Fact]
    public async Task A_provider_that_does_not_exist_is_one_line_naming_the_setting_and_the_value()
    {
        await using var silo = NodeProcess.Start(HostPrograms.Silo, ["--db", "silo.db", "--provider", "mysql", .. HostRun.OwnClusterPorts()]);

        Assert.Equal(HttmCommandLine.UsageError, await silo.WaitForExitAsync(HostRun.RefusalBound));
        var line = HostRun.SingleErrorLine(silo, Name);
        Assert.Contains("Httm:Provider", line, StringComparison.Ordinal);
        Assert.Contains("'mysql'", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.dll", "which does not exist")]
    [InlineData("notes.txt", "which is not a .NET assembly")]
    [InlineData("HttmOrleans.Storage.dll", "which holds no public ISiloPlugin class")]
    public async Task A_plugin_that_cannot_be_loaded_is_one_line_naming_the_setting_and_the_file(string file, string reason)
    {
        var folder = Directory.CreateTempSubdirectory("httm-plugins-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "notes.txt"), "not an assembly");
            File.Copy(typeof(HttmConfiguration).Assembly.Location, Path.Combine(folder, "HttmOrleans.Storage.dll"));
            var plugin = Path.Combine(folder, file);
            await using var silo = NodeProcess.Start(HostPrograms.Silo, ["--db", "silo.db", "--plugins", plugin, .. HostRun.OwnClusterPorts()]);

            Assert.Equal(HttmCommandLine.UsageError, await silo.WaitForExitAsync(HostRun.RefusalBound));
            Assert.Equal($"{Name}: Httm:Plugins names {plugin}, {reason}", HostRun.SingleErrorLine(silo, Name));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--Httm:Cluster:ProbeTimeout=abc", "'Httm:Cluster:ProbeTimeout'")]
    [InlineData("--Httm:Cluster:ProbeTimeout=00:00:00", "Httm:Cluster:ProbeTimeout must be between")]
    [InlineData("--Httm:Cluster:SiloPort=0", "Httm:Cluster:SiloPort must be a port")]
    public async Task A_bad_cluster_setting_is_one_line_naming_it(string setting, string expected)
    {
        await using var silo = NodeProcess.Start(HostPrograms.Silo, ["--db", "silo.db", .. HostRun.OwnClusterPorts(), setting]);

        Assert.Equal(HttmCommandLine.UsageError, await silo.WaitForExitAsync(HostRun.RefusalBound));
        Assert.Contains(expected, HostRun.SingleErrorLine(silo, Name), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silo_on_PostgreSQL_stopped_with_SIGTERM_exits_0_with_nothing_on_stderr()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var silo = NodeProcess.Start(HostPrograms.Silo,
        [
            "--db", database.ConnectionString, "--capabilities", "cpu", "--id", "silo-sigterm",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", .. HostRun.OwnClusterPorts(),
        ]);
        await silo.WaitForLineAsync(l => l.Contains("Application started", StringComparison.Ordinal), HostRun.StartBound);

        silo.Terminate();

        Assert.Equal(0, await silo.WaitForExitAsync(HostRun.RefusalBound));
        Assert.Empty(silo.StandardError);
    }
}
