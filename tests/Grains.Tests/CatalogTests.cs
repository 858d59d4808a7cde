using HttmOrleans.Grains.Tests.Infrastructure;

namespace HttmOrleans.Grains.Tests;

[Collection(SqliteCollection.Name)]
public sealed class CatalogTests(SqliteClusterFixture fixture)
{
    private ClusterAdmin Admin => fixture.Cluster.Admin;

    [Fact]
    public async Task Listings_and_counts_read_the_states_that_grain_calls_stored()
    {
        var before = (await Admin.CountGrainsByTypeAsync()).GetValueOrDefault(GrainTypes.Dataset);
        var prefix = Ids.New("cat");
        foreach (var n in new[] { 1, 2, 3 })
            await fixture.Cluster.Client.GetGrain<IDatasetGrain>($"{prefix}-{n}").Create($"set {n}", DatasetKinds.Interactions, null, "alice");

        Assert.Equal(before + 3, (await Admin.CountGrainsByTypeAsync())[GrainTypes.Dataset]);
        var keys = await Admin.ListGrainsAsync(GrainTypes.Dataset, keyPrefix: prefix);
        Assert.Equal([$"{prefix}-1", $"{prefix}-2", $"{prefix}-3"], keys.Select(k => k.Key));
        Assert.All(keys, k => Assert.True(k.Etag > 0));
        var page = await Admin.ListGrainsAsync(GrainTypes.Dataset, keyPrefix: prefix, max: 1, after: $"{prefix}-1");
        Assert.Equal([$"{prefix}-2"], page.Select(k => k.Key));

        var states = (await Admin.ListStatesAsync<DatasetInfo>(GrainTypes.Dataset)).Where(d => d.Id.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(["set 1", "set 2", "set 3"], states.Select(d => d.Name));
        Assert.All(states, d => Assert.Equal(("interactions", "alice"), (d.Kind, d.CreatedBy)));
    }

    [Fact]
    public async Task A_deleted_grain_leaves_the_listings()
    {
        var id = Ids.New("cat");
        var grain = fixture.Cluster.Client.GetGrain<IDatasetGrain>(id);
        await grain.Create("gone soon", DatasetKinds.Interactions, null, "alice");
        Assert.Single(await Admin.ListGrainsAsync(GrainTypes.Dataset, keyPrefix: id));

        await grain.Delete();
        Assert.Empty(await Admin.ListGrainsAsync(GrainTypes.Dataset, keyPrefix: id));
        Assert.DoesNotContain(await Admin.ListStatesAsync<DatasetInfo>(GrainTypes.Dataset), d => d.Id == id);
        Assert.Equal((0L, null), await Admin.ReadStateAsync(new GrainKey(GrainTypes.Dataset, id)));
    }
}
