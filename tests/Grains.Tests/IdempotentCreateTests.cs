using System.Text.Json.Nodes;
using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Grains.Tests.Infrastructure;

namespace HttmOrleans.Grains.Tests;

[Collection(SqliteCollection.Name)]
public sealed class IdempotentCreateTests(SqliteClusterFixture fixture)
{
    private readonly Scenario _s = new(fixture.Cluster);

    private IClusterClient Client => fixture.Cluster.Client;

    [Fact]
    public async Task Creating_a_dataset_twice_with_the_same_body_returns_the_same_state_and_another_kind_is_a_conflict()
    {
        var grain = Client.GetGrain<IDatasetGrain>(Ids.New("ds"));
        var first = await grain.Create("ratings", DatasetKinds.Interactions, "about", "alice");
        var second = await grain.Create("ratings", DatasetKinds.Interactions, "about", "alice");
        Assert.Equal(Scenario.Describe(first), Scenario.Describe(second));

        var error = await Assert.ThrowsAsync<ConflictException>(() => grain.Create("ratings", DatasetKinds.TextPairs, "about", "alice"));
        Assert.Equal($"Dataset '{first.Id}' already exists with kind 'interactions'.", error.Message);
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(Scenario.Describe(first), Scenario.Describe(await grain.Get()));
    }

    [Fact]
    public async Task Creating_a_model_twice_with_the_same_body_returns_the_same_state_and_other_hyperparameters_are_a_conflict()
    {
        var dataset = await _s.RatingsDatasetAsync();
        var grain = Client.GetGrain<IModelGrain>(Ids.New("m"));
        var body = new CreateModel { Algorithm = "popularity", DatasetId = dataset, Hyperparameters = new JsonObject { ["damping"] = 2 }, CreatedBy = "alice" };
        var first = await grain.Create(body);
        var second = await grain.Create(body);
        Assert.Equal(Scenario.Describe(first), Scenario.Describe(second));

        var error = await Assert.ThrowsAsync<ConflictException>(() => grain.Create(body with { Hyperparameters = new JsonObject { ["damping"] = 3 } }));
        Assert.Equal($"Model '{first.Id}' already exists with algorithm 'popularity' and other hyperparameters.", error.Message);
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(Scenario.Describe(first), Scenario.Describe(await grain.Get()));
    }

    [Fact]
    public async Task Creating_a_task_twice_with_the_same_body_returns_the_same_state_and_another_schedule_is_a_conflict()
    {
        var model = await _s.PopularityModelAsync();
        var grain = Client.GetGrain<ITrainingTaskGrain>(Ids.New("t"));
        var body = new CreateTask { ModelId = model.Id, IntervalSeconds = 60, Paused = true, CreatedBy = "alice" };
        try
        {
            var first = await grain.Create(body);
            var second = await grain.Create(body);
            Assert.Equal(Scenario.Describe(first), Scenario.Describe(second));

            var error = await Assert.ThrowsAsync<ConflictException>(() => grain.Create(body with { IntervalSeconds = 120 }));
            Assert.Equal($"Task '{first.Name}' already exists with another model or schedule.", error.Message);
            Assert.Equal(60, (await grain.Get())!.IntervalSeconds);
        }
        finally
        {
            await grain.Remove();
        }
    }

    [Fact]
    public async Task Creating_a_data_chef_twice_with_the_same_body_returns_the_same_state_and_another_source_is_a_conflict()
    {
        var dataset = await _s.RatingsDatasetAsync();
        var grain = Client.GetGrain<IDataChefGrain>(Ids.New("chef"));
        DataChefInfo Body(string path) => new()
        {
            Name = "nightly", SourceType = "csv", Source = new JsonObject { ["path"] = path }, Mapping = "user->user_id,item->item_id",
            DatasetId = dataset, Kind = DatasetKinds.Interactions, CreatedBy = "alice",
        };
        var first = await grain.Create(Body("ratings.csv"));
        var second = await grain.Create(Body("ratings.csv"));
        Assert.Equal(Scenario.Describe(first), Scenario.Describe(second));
        Assert.Equal(grain.GetPrimaryKeyString(), first.Id);

        var error = await Assert.ThrowsAsync<ConflictException>(() => grain.Create(Body("other.csv")));
        Assert.Equal($"Data chef '{first.Id}' already exists with another definition.", error.Message);
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(Scenario.Describe(first), Scenario.Describe(await grain.Get()));
    }

    [Fact]
    public async Task A_deleted_model_can_be_created_again_with_another_body_and_starts_without_the_old_versions()
    {
        var model = await _s.PopularityModelAsync();
        var v1 = await _s.TrainCompletedAsync(model.Id);
        var grain = Client.GetGrain<IModelGrain>(model.Id);
        await Client.GetGrain<IModelVersionGrain>(v1.Key).Delete();
        await grain.ForgetVersion(v1.Version);
        await grain.Delete();
        Assert.Null(await grain.Get());

        var again = await grain.Create(new CreateModel { Algorithm = GateTrainer.Name, DatasetId = model.DatasetId, CreatedBy = "bob" });
        Assert.Equal((GateTrainer.Name, "bob", 0, 0), (again.Algorithm, again.CreatedBy, again.Versions.Count, again.Counter));
    }

    [Fact]
    public async Task A_removed_task_can_be_created_again_and_starts_with_a_fresh_history()
    {
        var model = await _s.PopularityModelAsync();
        var grain = Client.GetGrain<ITrainingTaskGrain>(Ids.New("t"));
        try
        {
            await grain.Create(new CreateTask { ModelId = model.Id, IntervalSeconds = 3600 });
            await Eventually.Until(async () => (await grain.Get())!, t => t.Current is null, Scenario.Patience, "run 1 to end");
            await grain.Remove();

            var again = await grain.Create(new CreateTask { ModelId = model.Id, IntervalSeconds = 7200, Paused = true });
            Assert.Equal((7200, 0L, 0, true), (again.IntervalSeconds, again.RunCounter, again.History.Count, again.Paused));
        }
        finally
        {
            await grain.Remove();
        }
    }
}
