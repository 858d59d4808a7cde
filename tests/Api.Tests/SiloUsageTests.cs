using System.Diagnostics;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>GET /silos counts what a silo's children use: a trainer's Python child is the silo's load too.</summary>
public sealed class SiloUsageTests
{
    [Fact]
    public async Task A_silo_reports_host_pid_and_the_cpu_and_memory_of_the_processes_it_started()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        // The node's silo runs in this process: a busy shell started here is its child. An idle child reads 0 %;
        // a busy one a whole core on an idle machine, less on a shared one, so a tenth of a core is the bar.
        using var burner = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"])) ?? throw new InvalidOperationException("no sh");
        try
        {
            var silo = await Eventually.Until(async () => (await node.Anonymous.Get("/api/v1/silos")).AsArray()[0]!,
                s => s["usage"] is { } u && u["child_cpu_percent"]?.GetValue<double>() >= 10 && u["history"]!.AsArray().Count >= 3,
                TimeSpan.FromSeconds(30), "a reading with the busy child");
            Assert.Equal(Environment.MachineName, silo["host"]!.GetValue<string>());
            Assert.Equal(Environment.ProcessId, silo["pid"]!.GetValue<int>());
            var usage = silo["usage"]!;
            Assert.True(usage["child_processes"]!.GetValue<int>() >= 1, $"{usage}");
            Assert.True(usage["cpu_percent"]!.GetValue<double>() >= usage["child_cpu_percent"]!.GetValue<double>(), $"the tree includes the children: {usage}");
            Assert.True(usage["memory_bytes"]!.GetValue<long>() > usage["child_memory_bytes"]!.GetValue<long>(), $"{usage}");
            Assert.True(usage["child_memory_bytes"]!.GetValue<long>() > 0, $"{usage}");
            var history = usage["history"]!.AsArray();
            var times = history.Select(p => DateTimeOffset.Parse(p!["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(times.Order(), times);
            Assert.All(history, p => Assert.True(p!["memory_bytes"]!.GetValue<long>() > 0));
        }
        finally
        {
            burner.Kill();
        }
    }
}
