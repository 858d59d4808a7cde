using System.Text.Json.Nodes;
using HttmOrleans.Grains.Tests.Infrastructure;

namespace HttmOrleans.Grains.Tests;

[Collection(SqliteCollection.Name)]
public sealed class RegistryTests(SqliteClusterFixture fixture)
{
    private readonly Scenario _s = new(fixture.Cluster);

    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task Only_the_first_completed_version_activates_itself_and_rollback_returns_to_the_one_active_before()
    {
        var model = await _s.PopularityModelAsync();
        await _s.TrainCompletedAsync(model.Id);
        await _s.TrainCompletedAsync(model.Id);
        var registry = Client.GetGrain<IModelRegistryGrain>(model.Id);

        var before = await Eventually.Until(registry.Get, r => r.ActiveVersion is not null, Scenario.Patience, "an active version");
        Assert.Equal("v1", before.ActiveVersion);
        Assert.Equal(["auto-activate"], before.History.Select(h => h.Action));

        var activated = await registry.Activate("v2", "alice");
        Assert.Equal("v2", activated.ActiveVersion);
        Assert.Equal(activated.ActivatedAt, activated.History[^1].At);
        var again = await registry.Activate("v2", "alice");
        Assert.Equal(2, again.History.Count);

        var rolledBack = await registry.Rollback("bob");
        Assert.Equal("v1", rolledBack.ActiveVersion);
        var last = rolledBack.History[^1];
        Assert.Equal(("v1", "v2", "rollback", "bob"), (last.Version, last.Previous, last.Action, last.By));
    }

    [Fact]
    public async Task A_version_completing_while_another_is_active_changes_nothing()
    {
        var model = await _s.PopularityModelAsync();
        await _s.TrainCompletedAsync(model.Id);
        var registry = Client.GetGrain<IModelRegistryGrain>(model.Id);
        var active = await Eventually.Until(registry.Get, r => r.ActiveVersion == "v1", Scenario.Patience, "v1 active");

        var after = await registry.VersionCompleted("v7");
        Assert.Equal(Scenario.Describe(active), Scenario.Describe(after));
    }

    [Fact]
    public async Task Rollback_walks_back_over_a_version_deleted_since_it_was_active()
    {
        var model = await _s.PopularityModelAsync();
        for (var i = 0; i < 3; i++) await _s.TrainCompletedAsync(model.Id);
        var registry = Client.GetGrain<IModelRegistryGrain>(model.Id);
        await Eventually.Until(registry.Get, r => r.ActiveVersion == "v1", Scenario.Patience, "v1 active");
        await registry.Activate("v2", "alice");
        await registry.Activate("v3", "alice");
        // What the API does to delete a version: the version grain first, then the registry is told.
        await Client.GetGrain<IModelVersionGrain>(VersionRef.KeyOf(model.Id, "v2")).Delete();
        await registry.VersionDeleted("v2");

        var back = await registry.Rollback("bob");
        Assert.Equal("v1", back.ActiveVersion);
        Assert.Equal(("v1", "v3", "rollback"), (back.History[^1].Version, back.History[^1].Previous, back.History[^1].Action));
    }

    [Fact]
    public async Task Rollback_with_nothing_active_before_is_a_conflict_saying_so()
    {
        var model = await _s.PopularityModelAsync();
        await _s.TrainCompletedAsync(model.Id);
        var registry = Client.GetGrain<IModelRegistryGrain>(model.Id);
        await Eventually.Until(registry.Get, r => r.ActiveVersion == "v1", Scenario.Patience, "v1 active");

        var error = await Assert.ThrowsAsync<ConflictException>(() => registry.Rollback("bob"));
        Assert.Equal($"Model '{model.Id}' has no earlier active version to roll back to.", error.Message);
    }

    [Fact]
    public async Task Activating_a_version_that_did_not_complete_is_a_conflict_whose_message_crosses_the_call()
    {
        var model = await _s.PopularityModelAsync();
        var failed = await _s.TrainAsync(model.Id, new JsonObject { ["split"] = "leave-latest-out" });
        Assert.Equal(VersionStatus.Failed, (await _s.WaitUntilFinalAsync(failed)).Status);

        var error = await Assert.ThrowsAsync<ConflictException>(() => Client.GetGrain<IModelRegistryGrain>(model.Id).Activate(failed.Version, "alice"));
        Assert.Equal("Version 'v1' is failed; only a completed version can be activated.", error.Message);
        Assert.Null((await Client.GetGrain<IModelRegistryGrain>(model.Id).Get()).ActiveVersion);
    }

    [Fact]
    public async Task A_missing_version_is_a_not_found_that_keeps_what_and_id()
    {
        var model = await _s.PopularityModelAsync();
        var error = await Assert.ThrowsAsync<NotFoundException>(() => Client.GetGrain<IModelRegistryGrain>(model.Id).Activate("v9", "alice"));
        Assert.Equal(("version", $"{model.Id}/v9", null), (error.What, error.Id, error.Field));
        Assert.Equal($"version '{model.Id}/v9' was not found.", error.Message);
    }

    [Fact]
    public async Task A_missing_dataset_named_in_a_body_is_a_not_found_that_keeps_its_field()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => Client.GetGrain<IModelGrain>(Ids.New("m")).Create(new CreateModel
        {
            Algorithm = "popularity", DatasetId = "no-such-dataset",
        }));
        Assert.Equal(("dataset", "no-such-dataset", "dataset_id"), (error.What, error.Id, error.Field));
    }

    [Fact]
    public async Task Bad_hyperparameters_are_a_validation_error_that_keeps_each_field_and_reason()
    {
        var dataset = await _s.RatingsDatasetAsync();
        var id = Ids.New("m");
        var error = await Assert.ThrowsAsync<ValidationException>(() => Client.GetGrain<IModelGrain>(id).Create(new CreateModel
        {
            Algorithm = "popularity", DatasetId = dataset, Hyperparameters = new JsonObject { ["damping"] = -1, ["bogus"] = true },
        }));
        var fields = error.Errors.Select(e => e.Field).ToList();
        Assert.Contains("hyperparameters.damping", fields);
        Assert.Contains("hyperparameters.bogus", fields);
        Assert.All(error.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        Assert.Null(await Client.GetGrain<IModelGrain>(id).Get());
    }
}
