using Xunit;

namespace HttmOrleans.Cluster.Tests.Infrastructure;

/// <summary>What every command-line test of a host needs: bounds, free ports, and the one-line refusal.</summary>
public static class HostRun
{
    /// <summary>How long a host may take to refuse its command line or settings (the machine is shared and slow).</summary>
    public static readonly TimeSpan RefusalBound = TimeSpan.FromSeconds(60);

    /// <summary>How long a host may take to start listening.</summary>
    public static readonly TimeSpan StartBound = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Silo and gateway ports of their own, so hosts started at the same time (other test projects
    /// run in parallel) never fail on a port held by someone else; settings a host does not read are ignored.
    /// </summary>
    public static string[] OwnClusterPorts() => [$"--Httm:Cluster:SiloPort={TestPorts.Take()}", $"--Httm:Cluster:GatewayPort={TestPorts.Take()}"];

    /// <summary>Asserts that stderr is exactly one line <c>program: …</c> without a stack trace, and returns it.</summary>
    public static string SingleErrorLine(NodeProcess node, string program)
    {
        var lines = node.StandardError;
        Assert.True(lines.Count == 1, $"expected one line on stderr, got {lines.Count}. Output:\n{node.Output}");
        Assert.StartsWith(program + ": ", lines[0], StringComparison.Ordinal);
        return lines[0];
    }
}
