using System.Text.Json.Nodes;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Jobs;
using HttmOrleans.Grains.Tests.Infrastructure;
using HttmOrleans.Storage;

namespace HttmOrleans.Grains.Tests;

/// <summary>What the API relies on most, run on both databases (see <see cref="SqliteKeyGrainTests"/>, <see cref="PostgresKeyGrainTests"/>).</summary>
public abstract class KeyGrainTests(GrainCluster cluster)
{
    protected GrainCluster Cluster { get; } = cluster;

    protected Scenario S { get; } = new(cluster);

    [Fact]
    public async Task A_version_trains_from_queued_to_completed_with_metrics_and_an_artifact_and_the_first_one_activates_itself()
    {
        var model = await S.PopularityModelAsync();
        var v1 = await S.TrainAsync(model.Id);
        Assert.Equal(new VersionRef(model.Id, "v1"), v1);

        var done = await S.WaitUntilFinalAsync(v1);
        Assert.True(done.Status == VersionStatus.Completed, Scenario.Describe(done));
        Assert.Equal(100, done.Progress);
        Assert.Equal("completed", done.Message);
        Assert.NotEmpty(done.Metrics);
        Assert.All(done.Metrics, m => Assert.True(double.IsFinite(m.Value), $"{m.Key} = {m.Value}"));
        Assert.StartsWith("sha256-", done.ArtifactId, StringComparison.Ordinal);
        Assert.True(done.ArtifactSize > 0);
        Assert.True(await Cluster.Artifacts.ExistsAsync(done.ArtifactId!, CancellationToken.None));
        Assert.Equal(1, done.Snapshot);
        Assert.False(string.IsNullOrEmpty(done.Silo));
        Assert.NotNull(done.StartedAt);
        Assert.True(done.CompletedAt >= done.StartedAt);

        var events = await Cluster.Admin.ReadEventsAsync(new GrainKey(GrainTypes.ModelVersion, v1.Key));
        Assert.Equal(["queued", "completed"], events.Select(e => e.EventType));
        var job = Assert.Single(await Cluster.Admin.ListJobsAsync(ownerType: GrainTypes.ModelVersion, max: 1000), j => j.Id == done.JobId);
        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Equal(v1.Key, job.Owner.Key);

        var registry = await Eventually.Until(() => S.Grains.GetGrain<IModelRegistryGrain>(model.Id).Get(), r => r.ActiveVersion is not null,
            Scenario.Patience, "the registry to activate v1", Scenario.Describe);
        Assert.Equal("v1", registry.ActiveVersion);
        var entry = Assert.Single(registry.History);
        Assert.Equal(("v1", null, "auto-activate", "system"), (entry.Version, entry.Previous, entry.Action, entry.By));
    }

    [Fact]
    public async Task Two_hundred_concurrent_activations_of_two_completed_versions_leave_exactly_one_active_with_a_consistent_history()
    {
        var model = await S.PopularityModelAsync();
        var v1 = await S.TrainCompletedAsync(model.Id);
        var v2 = await S.TrainCompletedAsync(model.Id);
        var registry = Cluster.Client.GetGrain<IModelRegistryGrain>(model.Id);

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => registry.Activate(i % 2 == 0 ? v1.Version : v2.Version, "user" + i)));

        Assert.All(answers, a => Assert.Contains(a.ActiveVersion, new[] { "v1", "v2" }));
        var final = await registry.Get();
        Assert.Contains(final.ActiveVersion, new[] { "v1", "v2" });
        Assert.Equal(final.ActiveVersion, final.History[^1].Version);
        // Each change replaced what the one before it activated: no two activations interleaved.
        for (var i = 1; i < final.History.Count; i++)
        {
            Assert.Equal(final.History[i - 1].Version, final.History[i].Previous);
            Assert.NotEqual(final.History[i].Version, final.History[i].Previous);
        }

        Assert.InRange(final.History.Count, 2, 201);
        await Cluster.DeactivateAsync(registry);
        Assert.Equal(Scenario.Describe(final), Scenario.Describe(await registry.Get()));
    }

    [Fact]
    public async Task The_store_keeps_each_state_under_its_catalog_name_in_grain_type_and_the_whole_string_key_in_grain_key_extension()
    {
        var dataset = await S.RatingsDatasetAsync();
        var model = (await S.ModelAsync("popularity", dataset)).Id;
        var v1 = await S.TrainCompletedAsync(model);
        await Eventually.Until(() => S.Grains.GetGrain<IModelRegistryGrain>(model).Get(), r => r.ActiveVersion == "v1", Scenario.Patience, "v1 active");
        // The registry writes after VersionCompleted returns; wait for its row too.
        var rows = await Eventually.Until(StorageRowsAsync, r => r.Any(x => x.Key == Stored(model) && x.Type == GrainTypes.ModelRegistry),
            Scenario.Patience, "the registry's row", r => string.Join("; ", r));

        (string Type, string Key)[] expected =
        [
            (GrainTypes.Dataset, Stored(dataset)), (GrainTypes.Model, Stored(model)), (GrainTypes.ModelRegistry, Stored(model)),
            (GrainTypes.ModelVersion, Stored(v1.Key)), (GrainTypes.ModelVersion + "Job", Stored(v1.Key)),
        ];
        var seen = rows.Select(r => (r.Type, r.Key)).ToHashSet();
        Assert.True(expected.All(seen.Contains),
            $"orleans_storage rows (grain_type, grain_key_extension, grain_id_n0, grain_id_n1): {string.Join("; ", rows.Where(r => r.ToString().Contains(model, StringComparison.Ordinal) || r.ToString().Contains(dataset, StringComparison.Ordinal)))}");

        Assert.Equal([v1.Key], (await Cluster.Admin.ListGrainsAsync(GrainTypes.ModelVersion, keyPrefix: model + "/")).Select(g => g.Key));
        var counts = await Cluster.Admin.CountGrainsByTypeAsync();
        foreach (var type in new[] { GrainTypes.Dataset, GrainTypes.Model, GrainTypes.ModelRegistry, GrainTypes.ModelVersion })
            Assert.True(counts.GetValueOrDefault(type) >= 1, $"{type}: {string.Join(", ", counts)}");
        var models = await Cluster.Admin.ListStatesAsync<ModelInfo>(GrainTypes.Model);
        var stored = Assert.Single(models, m => m.Id == model);
        Assert.Equal(("popularity", dataset, "v1"), (stored.Algorithm, stored.DatasetId, stored.Versions.Single().Version));
        var (etag, json) = await Cluster.Admin.ReadStateAsync(new GrainKey(GrainTypes.ModelVersion, v1.Key));
        Assert.True(etag > 0);
        Assert.Equal("completed", JsonNode.Parse(json!)!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Keys_that_look_like_numbers_or_guids_are_stored_whole_and_never_share_a_row()
    {
        // Orleans' ADO.NET storage reads "1", "01" and "d1" as the hexadecimal numbers 1, 1 and 209 unless told otherwise.
        string[] ids = ["17", "017", "d1", Guid.NewGuid().ToString("N")];
        foreach (var id in ids) await S.Grains.GetGrain<IDatasetGrain>(id).Create(id, DatasetKinds.Interactions, "kept apart", "test");
        foreach (var id in ids)
        {
            var grain = S.Grains.GetGrain<IDatasetGrain>(id);
            await Cluster.DeactivateAsync(grain);
            Assert.Equal(id, (await grain.Get())!.Id);
        }

        var listed = (await Cluster.Admin.ListStatesAsync<DatasetInfo>(GrainTypes.Dataset)).Select(d => d.Id).ToHashSet();
        Assert.True(ids.All(listed.Contains), string.Join(", ", listed));
        var keys = (await Cluster.Admin.ListGrainsAsync(GrainTypes.Dataset, max: 10_000)).Select(k => k.Key).ToHashSet();
        Assert.True(ids.All(keys.Contains), string.Join(", ", keys));
    }

    [Fact]
    public async Task A_call_that_fails_after_changing_state_leaves_the_stored_state_as_it_was()
    {
        var model = await S.PopularityModelAsync();
        var grain = Cluster.Client.GetGrain<IModelGrain>(model.Id);

        // Valid hyperparameters are applied in memory before the dataset is found missing.
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => grain.Update(new JsonObject { ["damping"] = 1 }, "changed", "no-such-dataset"));
        Assert.Equal(("dataset", "no-such-dataset", "dataset_id"), (missing.What, missing.Id, missing.Field));
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => grain.Update(new JsonObject { ["damping"] = -1 }, "changed", null));
        Assert.Contains(invalid.Errors, e => e.Field.Contains("damping", StringComparison.Ordinal));

        var unchanged = (await grain.Get())!;
        Assert.True(JsonNode.DeepEquals(model.Hyperparameters, unchanged.Hyperparameters), unchanged.Hyperparameters.ToJsonString());
        Assert.Null(unchanged.Description);
        // A later successful write must not carry the refused changes into the store.
        await grain.Update(null, "kept", null);
        await Cluster.DeactivateAsync(grain);
        var reread = (await grain.Get())!;
        Assert.True(JsonNode.DeepEquals(model.Hyperparameters, reread.Hyperparameters), reread.Hyperparameters.ToJsonString());
        Assert.Equal("kept", reread.Description);
        Assert.Equal(model.DatasetId, reread.DatasetId);
    }

    private static string Stored(string key) => HttmOrleans.Hosting.Storage.StringKeyGrainStorage.Prefix + key;

    private async Task<List<(string Type, string Key, string N0, string N1)>> StorageRowsAsync()
    {
        var db = Cluster.Database;
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await using var command = HttmDatabase.Command(connection, null, "SELECT grain_type, grain_key_extension, grain_id_n0, grain_id_n1 FROM orleans_storage");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, string, string)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetString(1), Convert.ToString(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture)!,
                Convert.ToString(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture)!));
        return rows;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteKeyGrainTests(SqliteClusterFixture fixture) : KeyGrainTests(fixture.Cluster);

[Collection(PostgresCollection.Name)]
public sealed class PostgresKeyGrainTests(PostgresClusterFixture fixture) : KeyGrainTests(fixture.Cluster);
