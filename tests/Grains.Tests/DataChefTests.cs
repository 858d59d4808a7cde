using System.Text.Json.Nodes;
using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Grains.Tests.Infrastructure;

namespace HttmOrleans.Grains.Tests;

[Collection(SqliteCollection.Name)]
public sealed class DataChefTests(SqliteClusterFixture fixture)
{
    private readonly Scenario _s = new(fixture.Cluster);

    private IClusterClient Client => fixture.Cluster.Client;

    /// <summary>A chef reading a server CSV whose columns need mapping: <paramref name="goodRows"/> valid rows, then two malformed ones.</summary>
    private async Task<(IDataChefGrain Chef, string DatasetId)> CsvChefAsync(int goodRows = 29)
    {
        var dataset = Ids.New("ds");
        await _s.Grains.GetGrain<IDatasetGrain>(dataset).Create("from csv", DatasetKinds.Interactions, null, "test");
        var file = Ids.New("ratings") + ".csv";
        var sources = Path.Combine(fixture.Cluster.DataDirectory, "sources");
        Directory.CreateDirectory(sources);
        var lines = new List<string> { "userId,productId,score" };
        lines.AddRange(Scenario.Ratings().Take(goodRows).Select(r => $"{r.UserId},{r.ItemId},{r.Rating}"));
        lines.AddRange(Enumerable.Range(0, goodRows - (lines.Count - 1)).Select(n => $"g{n % 997},j{n % 499},{1 + (n % 5)}"));
        lines.Add("u1,i1,not-a-number");
        lines.Add("u2,,3");
        await File.WriteAllLinesAsync(Path.Combine(sources, file), lines);

        var chef = Client.GetGrain<IDataChefGrain>(Ids.New("chef"));
        await chef.Create(new DataChefInfo
        {
            Name = "csv", SourceType = "csv", Source = new JsonObject { ["kind"] = "csv", ["path"] = "sources/" + file },
            Mapping = "userId->user_id,productId->item_id,score->rating", DatasetId = dataset, Kind = DatasetKinds.Interactions, CreatedBy = "test",
        });
        return (chef, dataset);
    }

    private static Task<DataChefInfo> WaitForLastAsync(IDataChefGrain chef) =>
        Eventually.Until(async () => (await chef.Get())!, c => c.RunningJob is null && c.Last is not null, Scenario.Patience, "the materialization to end", Scenario.Describe);

    [Fact]
    public async Task Materializing_a_csv_chef_commits_a_snapshot_of_the_accepted_rows_and_reports_the_rejected_ones()
    {
        // Enough rows that the run is still going when the second request comes, even on a loaded machine:
        // with 29 rows CI once saw the run end before the next grain call reached the chef.
        const int rows = 40_000;
        var (chef, dataset) = await CsvChefAsync(rows);
        var started = await chef.Materialize("alice", null, null);
        Assert.NotNull(started.RunningJob);
        var busy = await Assert.ThrowsAnyAsync<DomainException>(() => chef.Materialize("alice", null, null));
        Assert.IsType<ConflictException>(busy);

        var last = (await WaitForLastAsync(chef)).Last!;
        Assert.True(last.Status == "completed", Scenario.Describe(last));
        Assert.Equal((rows + 2L, (long)rows, 2L, 1), (last.RowsRead, last.RowsAccepted, last.RowsRejected, last.Snapshot));
        var snapshot = Assert.Single((await _s.Grains.GetGrain<IDatasetGrain>(dataset).Get())!.Snapshots);
        Assert.Equal((1, (long)rows, $"data-chef:{chef.GetPrimaryKeyString()}"), (snapshot.Number, snapshot.Rows, snapshot.Source));
    }

    [Fact]
    public async Task A_task_with_a_data_chef_materializes_first_then_trains_on_that_snapshot()
    {
        var (chef, dataset) = await CsvChefAsync();
        var model = await _s.ModelAsync("popularity", dataset);
        var task = Client.GetGrain<ITrainingTaskGrain>(Ids.New("t"));
        try
        {
            await task.Create(new CreateTask { ModelId = model.Id, DataChefId = chef.GetPrimaryKeyString(), IntervalSeconds = 3600 });
            var done = await Eventually.Until(async () => (await task.Get())!, t => t.Current is null && t.History.Count == 1, Scenario.Patience,
                "the run to end", Scenario.Describe);
            var run = done.History[0];
            Assert.True(run.Status == "completed", Scenario.Describe(run));
            Assert.Equal("v1", run.Version);
            var version = (await _s.Version(new VersionRef(model.Id, "v1")).Get())!;
            Assert.Equal((VersionStatus.Completed, 1, dataset), (version.Status, version.Snapshot, version.DatasetId));
        }
        finally
        {
            await task.Remove();
        }
    }
}
