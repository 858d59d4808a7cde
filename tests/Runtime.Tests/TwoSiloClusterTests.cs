using System.Text.Json;
using HttmOrleans.Runtime.Tests.Infrastructure;
using HttmOrleans.Runtime.TestGrains;
using Xunit;
using Xunit.Abstractions;

namespace HttmOrleans.Runtime.Tests;

/// <summary>Two real silo processes on one PostgreSQL database, a client node in the test process.</summary>
public sealed class TwoSiloClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<SiloProcess> _silos = [];
    private string _database = "";
    private TestNode? _client;

    private TestNode Client => _client!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.CreatePostgresAsync();
        _client = await TestNode.StartAsync(_database, silo: false);
        _silos.Add(SiloProcess.Start(_database, "silo-a"));
        _silos.Add(SiloProcess.Start(_database, "silo-b"));
        await Eventually.Until(() => Client.Admin.ListSilosAsync(),
            silos => silos.Count(s => s.Status == "active" && s.SiloId.StartsWith("silo-", StringComparison.Ordinal)) == 2,
            TimeSpan.FromSeconds(60), "both silos to join");
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            output.WriteLine($"--- {silo.Id} ---");
            output.WriteLine(silo.Output);
            await silo.DisposeAsync();
        }
        if (_client is not null) await _client.DisposeAsync();
        await TestDatabases.DropPostgresAsync(_database);
    }

    private SiloProcess Silo(string id) => _silos.Single(s => s.Id == id);

    [Fact]
    public async Task A_one_second_reminder_ticks_exactly_once_per_period_across_both_silos_for_30_seconds()
    {
        var ticker = Client.Grains.GetGrain<ITickerGrain>("cluster-ticker");
        await ticker.Start(dueMs: 500, periodMs: 1000);
        await Task.Delay(TimeSpan.FromSeconds(30));
        await ticker.Stop();
        var ticks = await ticker.Ticks();

        output.WriteLine(string.Join("\n", ticks.Select(t => $"{t.DueMs} ran +{t.RanMs - t.DueMs} ms on {t.Silo}")));
        Assert.InRange(ticks.Count, 29, 31);
        Assert.Equal(ticks.Count, ticks.Select(t => t.DueMs).Distinct().Count());
        Assert.All(ticks.Zip(ticks.Skip(1)), pair => Assert.Equal(1000, pair.Second.DueMs - pair.First.DueMs));
        Assert.All(ticks, t => Assert.StartsWith("silo-", t.Silo));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task A_job_whose_silo_is_killed_with_SIGKILL_is_finished_by_the_other(int round)
    {
        var owner = Client.Grains.GetGrain<IJobOwnerGrain>($"killed-{round}");
        var payload = JsonSerializer.Serialize(new SleepJob(Steps: 40, StepMs: 100), RuntimeJson.Options);
        var jobId = await owner.StartJob(SleepJobHandler.JobKind, "cpu", payload, maxAttempts: 3);
        var running = await Eventually.Until(() => Client.Admin.GetJobAsync(jobId),
            j => j!.Status == JobStatus.Running && j.Progress > 0, TimeSpan.FromSeconds(30), "the job to run");

        var victim = Silo(running!.SiloId!);
        victim.Kill();
        output.WriteLine($"round {round}: killed {victim.Id} at {running.Progress}%");

        var state = await Eventually.Until(owner.Read, s => s.Outcomes.Count > 0, TimeSpan.FromSeconds(60), "the job's outcome");
        var outcome = Assert.Single(state.Outcomes);
        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        Assert.NotEqual(victim.Id, outcome.SiloId);
        Assert.Equal(2, outcome.Attempts);
    }

    [Fact]
    public async Task A_graceful_stop_hands_the_job_over_without_a_failed_attempt()
    {
        var owner = Client.Grains.GetGrain<IJobOwnerGrain>("graceful");
        var payload = JsonSerializer.Serialize(new SleepJob(Steps: 40, StepMs: 100), RuntimeJson.Options);
        var jobId = await owner.StartJob(SleepJobHandler.JobKind, "cpu", payload, maxAttempts: 1);
        var running = await Eventually.Until(() => Client.Admin.GetJobAsync(jobId),
            j => j!.Status == JobStatus.Running && j.Progress > 0, TimeSpan.FromSeconds(30), "the job to run");

        var leaving = Silo(running!.SiloId!);
        await leaving.TerminateAsync(TimeSpan.FromSeconds(30));

        var state = await Eventually.Until(owner.Read, s => s.Outcomes.Count > 0, TimeSpan.FromSeconds(60), "the job's outcome");
        var outcome = Assert.Single(state.Outcomes);
        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        Assert.NotEqual(leaving.Id, outcome.SiloId);
        Assert.Equal(1, outcome.Attempts);
        var job = (await Client.Admin.GetJobAsync(jobId))!;
        Assert.Equal(1, job.Handovers);
        Assert.Contains("handed its work back", leaving.Output);
        var silos = await Client.Admin.ListSilosAsync();
        Assert.Equal("stopped", silos.Single(s => s.SiloId == leaving.Id).Status);
    }
}
