using System.Text.Json.Nodes;
using HttmOrleans.Grains.Jobs;
using HttmOrleans.Grains.Tests.Infrastructure;

namespace HttmOrleans.Grains.Tests;

[Collection(SqliteCollection.Name)]
public sealed class TrainingTests(SqliteClusterFixture fixture)
{
    private readonly Scenario _s = new(fixture.Cluster);

    [Fact]
    public async Task A_training_version_shows_its_progress_figures_and_silo_then_completes_when_the_trainer_returns()
    {
        var model = await _s.ModelAsync(GateTrainer.Name, await _s.RatingsDatasetAsync());
        var version = await _s.TrainAsync(model.Id);
        try
        {
            var training = await _s.WaitForAsync(version, v => v.Status == VersionStatus.Training && v.Progress > 11 && v.Curve.Count >= 2, "training");
            Assert.Equal("waiting for the gate", training.Message);
            Assert.True(training.Figures.ContainsKey("step"), Scenario.Describe(training.Figures));
            Assert.False(string.IsNullOrEmpty(training.Silo));
            Assert.NotNull(training.StartedAt);
            Assert.Equal(1, training.Snapshot);
        }
        finally
        {
            GateTrainer.Open(model.Id);
        }

        var done = await _s.WaitUntilFinalAsync(version);
        Assert.Equal(VersionStatus.Completed, done.Status);
        Assert.Equal(Scenario.Ratings().Count, done.Metrics["rows"]);
        Assert.True(await fixture.Cluster.Artifacts.ExistsAsync(done.ArtifactId!, CancellationToken.None));
    }

    [Fact]
    public async Task A_trainer_error_fails_the_version_with_its_reason_and_the_silo_trains_the_next_version()
    {
        var model = await _s.PopularityModelAsync();
        var failing = await _s.TrainAsync(model.Id, new JsonObject { ["split"] = "leave-latest-out" });

        var failed = await _s.WaitUntilFinalAsync(failing);
        Assert.Equal(VersionStatus.Failed, failed.Status);
        Assert.Equal("failed", failed.Message);
        Assert.Equal("split 'leave-latest-out' needs a timestamp on every interaction and this snapshot has rows without one; use split 'random'.", failed.Error);
        Assert.Null(failed.ArtifactId);
        var job = Assert.Single(await fixture.Cluster.Admin.ListJobsAsync(ownerType: GrainTypes.ModelVersion, max: 1000), j => j.Id == failed.JobId);
        Assert.Equal((JobStatus.Failed, failed.Error), (job.Status, job.Error));

        var next = await _s.TrainCompletedAsync(model.Id);
        Assert.Equal("v2", next.Version);
    }

    [Fact]
    public async Task Cancelling_a_running_training_ends_the_version_stopped_and_cancelling_again_is_a_conflict()
    {
        var model = await _s.ModelAsync(GateTrainer.Name, await _s.RatingsDatasetAsync());
        var version = await _s.TrainAsync(model.Id);
        await _s.WaitForAsync(version, v => v.Status == VersionStatus.Training, "training");

        var stopping = await fixture.Cluster.Client.GetGrain<IModelVersionGrain>(version.Key).Cancel("alice");
        Assert.False(VersionStatus.IsFinal(stopping.Status));
        Assert.Equal("stopping", stopping.Message);

        var stopped = await _s.WaitUntilFinalAsync(version);
        Assert.Equal((VersionStatus.Stopped, "stopped", "cancelled by a user"), (stopped.Status, stopped.Message, stopped.Error));
        var again = await Assert.ThrowsAsync<ConflictException>(() => fixture.Cluster.Client.GetGrain<IModelVersionGrain>(version.Key).Cancel("alice"));
        Assert.Equal("Version 'v1' is already stopped.", again.Message);
        Assert.Null((await _s.Grains.GetGrain<IModelRegistryGrain>(model.Id).Get()).ActiveVersion);
    }

    [Fact]
    public async Task A_job_whose_capability_no_silo_has_stays_queued_saying_which_capability_it_waits_for()
    {
        var model = await _s.ModelAsync("seq2seq", await _s.TextPairsDatasetAsync());
        var version = await _s.TrainAsync(model.Id);

        var queued = (await _s.Version(version).Get())!;
        Assert.Equal((VersionStatus.Queued, "gpu"), (queued.Status, queued.Capability));
        Assert.Equal("waiting for a silo with capability 'gpu'", queued.Message);
        Assert.NotNull(queued.JobId);
        // The watchdog (every 2 s) looks again and finds no gpu silo either.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var still = (await _s.Version(version).Get())!;
        Assert.Equal((VersionStatus.Queued, "waiting for a silo with capability 'gpu'", null), (still.Status, still.Message, still.Silo));

        var cancelled = await _s.Version(version).Cancel("alice");
        Assert.Equal((VersionStatus.Stopped, "cancelled by a user"), (cancelled.Status, cancelled.Error));
    }
}
