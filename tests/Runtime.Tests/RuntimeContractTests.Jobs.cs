using System.Text.Json;
using HttmOrleans.Runtime.Tests.Infrastructure;
using HttmOrleans.Runtime.TestGrains;
using Xunit;

namespace HttmOrleans.Runtime.Tests;

public abstract partial class RuntimeContractTests
{
    private static string Sleep(int steps, int stepMs, string? failWith = null, bool retryable = false) =>
        JsonSerializer.Serialize(new SleepJob(steps, stepMs, failWith, retryable), RuntimeJson.Options);

    private static Task<JobOwnerState> OutcomeOf(IJobOwnerGrain owner) =>
        Eventually.Until(owner.Read, s => s.Outcomes.Count > 0, Patience, "the job's outcome");

    [Fact]
    public async Task A_job_runs_only_on_a_silo_with_its_capability_and_its_result_reaches_the_owner()
    {
        var cpu = await StartNodeAsync("cpu-only", "cpu");
        var owner = cpu.Grains.GetGrain<IJobOwnerGrain>("gpu-work-" + Guid.NewGuid());
        var jobId = await owner.StartJob(SleepJobHandler.JobKind, "gpu", Sleep(5, 100), 3);

        await Task.Delay(1000);
        Assert.Equal(JobStatus.Queued, (await cpu.Admin.GetJobAsync(jobId))!.Status);

        await StartNodeAsync("has-gpu", "cpu,gpu");
        var state = await OutcomeOf(owner);
        var outcome = Assert.Single(state.Outcomes);
        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        Assert.Equal("has-gpu", outcome.SiloId);
        Assert.Equal("has-gpu", JsonDocument.Parse(outcome.Result!).RootElement.GetProperty("silo").GetString());
        Assert.Equal(1, outcome.Attempts);
        Assert.True(state.ProgressReports >= 1, "progress reached the owner");
        var job = (await cpu.Admin.GetJobAsync(jobId))!;
        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Equal(100, job.Progress);
    }

    [Fact]
    public async Task An_expired_lease_puts_the_job_back_for_another_silo()
    {
        var client = await StartNodeAsync(silo: false);
        var owner = client.Grains.GetGrain<IJobOwnerGrain>("orphan-" + Guid.NewGuid());
        var jobId = await owner.StartJob(SleepJobHandler.JobKind, "cpu", Sleep(3, 100), 3);

        // A silo claims the job and dies at once: no heartbeat ever extends its one-second lease.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var claimed = await client.Store.ClaimJobAsync("dead-silo", ["cpu"], [SleepJobHandler.JobKind], now, now + 1000, CancellationToken.None);
        Assert.Equal(jobId, claimed!.Id);

        await StartNodeAsync("survivor", "cpu");
        var outcome = Assert.Single((await OutcomeOf(owner)).Outcomes);
        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        Assert.Equal("survivor", outcome.SiloId);
        Assert.Equal(2, outcome.Attempts);
    }

    [Fact]
    public async Task When_attempts_run_out_the_failure_reaches_the_owner()
    {
        var client = await StartNodeAsync(silo: false);
        var owner = client.Grains.GetGrain<IJobOwnerGrain>("doomed-" + Guid.NewGuid());
        var jobId = await owner.StartJob(SleepJobHandler.JobKind, "cpu", Sleep(3, 100), maxAttempts: 2);

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var claimed = await Eventually.Until(async () =>
            {
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                return await client.Store.ClaimJobAsync($"dying-{attempt}", ["cpu"], [SleepJobHandler.JobKind], now, now + 500, CancellationToken.None);
            }, c => c is not null, Patience, $"claim {attempt}");
            Assert.Equal(attempt, claimed!.Attempts);
        }
        await Task.Delay(600);

        await StartNodeAsync("reaper", "cpu");
        var outcome = Assert.Single((await OutcomeOf(owner)).Outcomes);
        Assert.Equal(JobStatus.Failed, outcome.Status);
        Assert.Equal(jobId, outcome.JobId);
        Assert.Contains("2 attempts", outcome.Error);
        Assert.Equal(JobStatus.Failed, (await client.Admin.GetJobAsync(jobId))!.Status);
    }

    [Fact]
    public async Task Cancelling_a_running_job_stops_it_and_tells_the_owner()
    {
        var node = await StartNodeAsync();
        var owner = node.Grains.GetGrain<IJobOwnerGrain>("cancel-running-" + Guid.NewGuid());
        var jobId = await owner.StartJob(SleepJobHandler.JobKind, "cpu", Sleep(300, 100), 3);
        await Eventually.Until(() => node.Admin.GetJobAsync(jobId), j => j!.Status == JobStatus.Running && j.Progress > 0, Patience, "the job to run");

        var cancelledAt = DateTime.UtcNow;
        await owner.CancelCurrent();
        var outcome = Assert.Single((await OutcomeOf(owner)).Outcomes);
        Assert.Equal(JobStatus.Cancelled, outcome.Status);
        Assert.True(DateTime.UtcNow - cancelledAt < TimeSpan.FromSeconds(5), "cancellation was observed promptly");
        Assert.Equal(JobStatus.Cancelled, (await node.Admin.GetJobAsync(jobId))!.Status);
    }

    [Fact]
    public async Task Cancelling_a_queued_job_ends_it_as_cancelled()
    {
        var node = await StartNodeAsync("no-gpu-here", "cpu");
        var owner = node.Grains.GetGrain<IJobOwnerGrain>("cancel-queued-" + Guid.NewGuid());
        await owner.StartJob(SleepJobHandler.JobKind, "gpu", Sleep(3, 100), 3);
        await owner.CancelCurrent();

        var outcome = Assert.Single((await OutcomeOf(owner)).Outcomes);
        Assert.Equal(JobStatus.Cancelled, outcome.Status);
        Assert.Equal(0, outcome.Attempts);
    }

    [Fact]
    public async Task A_failing_handler_fails_the_job_with_its_reason()
    {
        var node = await StartNodeAsync();
        var owner = node.Grains.GetGrain<IJobOwnerGrain>("failing-" + Guid.NewGuid());
        await owner.StartJob(SleepJobHandler.JobKind, "cpu", Sleep(1, 10, failWith: "trainer exploded"), 3);

        var outcome = Assert.Single((await OutcomeOf(owner)).Outcomes);
        Assert.Equal(JobStatus.Failed, outcome.Status);
        Assert.Equal("trainer exploded", outcome.Error);
        Assert.Equal(1, outcome.Attempts);
    }

    [Fact]
    public async Task A_graceful_stop_hands_a_running_job_to_another_silo_without_using_an_attempt()
    {
        var leaving = await StartNodeAsync("leaving", "cpu");
        var owner = leaving.Grains.GetGrain<IJobOwnerGrain>("handover-" + Guid.NewGuid());
        var jobId = await owner.StartJob(SleepJobHandler.JobKind, "cpu", Sleep(20, 100), maxAttempts: 1);
        await Eventually.Until(() => leaving.Admin.GetJobAsync(jobId), j => j!.Status == JobStatus.Running, Patience, "the job to start");

        await leaving.StopAsync();
        var job = (await leaving.Admin.GetJobAsync(jobId))!;
        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Equal(0, job.Attempts);
        Assert.Equal(1, job.Handovers);

        await StartNodeAsync("staying", "cpu");
        var outcome = Assert.Single((await OutcomeOf(owner)).Outcomes);
        Assert.Equal(JobStatus.Succeeded, outcome.Status);
        Assert.Equal("staying", outcome.SiloId);
        Assert.Equal(1, outcome.Attempts);
    }
}
