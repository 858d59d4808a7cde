using HttmOrleans.Grains.Tests.Infrastructure;

namespace HttmOrleans.Grains.Tests;

/// <summary>Its own cluster: it adds a silo, which the shared clusters must not see.</summary>
public sealed class CapabilityTests : IAsyncLifetime
{
    private GrainCluster? _cluster;

    private GrainCluster Cluster => _cluster!;

    public async Task InitializeAsync() => _cluster = await GrainCluster.StartAsync("sqlite", 1, name => name == "Silo_0" ? "cpu" : "cpu,gpu");

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_job_queued_for_a_capability_no_silo_has_runs_on_the_first_silo_that_joins_with_it()
    {
        var s = new Scenario(Cluster);
        var model = await s.PopularityModelAsync();
        var reference = new VersionRef(model.Id, "gpu1");
        // The shipped recommenders need cpu; this spec asks for gpu, as a gpu trainer's version would.
        var started = await s.Version(reference).Start(new VersionSpec
        {
            ModelId = model.Id, Version = reference.Version, Kind = model.Kind, Algorithm = model.Algorithm, Parameters = model.Hyperparameters,
            DatasetId = model.DatasetId!, Capability = "gpu", CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow,
        });
        Assert.Equal((VersionStatus.Queued, "waiting for a silo with capability 'gpu'"), (started.Status, started.Message));

        var gpuSilo = await Cluster.Cluster.StartAdditionalSiloAsync();
        var done = await s.WaitUntilFinalAsync(reference);
        Assert.True(done.Status == VersionStatus.Completed, Scenario.Describe(done));
        Assert.Equal(gpuSilo.Name, done.Silo);
        Assert.Equal(gpuSilo.Name, done.Details["silo"]);
    }
}
