using System.Globalization;
using System.Text;
using HttmOrleans.DataChefs.Csv;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Queue;
using HttmOrleans.DataChefs.Snapshots;
using HttmOrleans.DataChefs.Tests.Support;

namespace HttmOrleans.DataChefs.Tests.Snapshots;

public sealed class SnapshotSinkTests(SnapshotStores stores) : IClassFixture<SnapshotStores>, IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private static string NewDatasetId() => "ds-" + Guid.NewGuid().ToString("N")[..10];

    private CsvDataSource Csv(string content) =>
        new(new CsvSourceDefinition { Path = _files.Write(Guid.NewGuid().ToString("N") + ".csv", content)[(_files.Path.Length + 1)..] },
            new SourceEnvironment { DataRoot = _files.Path });

    private static string Interactions(int count, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("user_id,item_id,rating,timestamp\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"u{random.Next(50)},i{i},{random.Next(1, 6)},{1_700_000_000 + i}\n");
        }

        return csv.ToString();
    }

    private Task<List<object?[]>> StoredAsync(string provider, string datasetId, int snapshot) => stores.RowsAsync(provider,
        $"SELECT ordinal, user_id, item_id, rating, ts FROM snapshot_interactions WHERE dataset_id = '{datasetId}' AND snapshot = {snapshot} ORDER BY ordinal");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_csv_lands_in_its_snapshot_in_order_with_consecutive_ordinals_across_batches(string provider)
    {
        var dataset = NewDatasetId();
        var csv = Interactions(103, seed: 7);
        var sink = SnapshotSinks.Interactions(stores.Database(provider), dataset, 1);
        await using (sink)
        {
            var report = await Pipelines.Interactions(Csv(csv), batchSize: 10).MaterializeAsync(sink, CancellationToken.None);

            Assert.Equal(103, report.Accepted);
            Assert.Equal(103, sink.RowsWritten);
        }

        var stored = await StoredAsync(provider, dataset, 1);
        var expected = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(Enumerable.Range(0, 103).Select(i => (long)i), stored.Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)));
        Assert.Equal(expected.Select(e => (e[0], e[1])), stored.Select(r => ((string)r[1]!, (string)r[2]!)));
        Assert.Equal(expected.Select(e => float.Parse(e[2], CultureInfo.InvariantCulture)), stored.Select(r => Convert.ToSingle(r[3], CultureInfo.InvariantCulture)));
        Assert.Equal(expected.Select(e => long.Parse(e[3], CultureInfo.InvariantCulture) * 1000), stored.Select(r => Convert.ToInt64(r[4], CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Repeated_user_item_pairs_are_all_stored_and_counted_in_the_report(string provider)
    {
        var dataset = NewDatasetId();
        var source = Csv("user_id,item_id,rating\nu1,i1,1\nu1,i2,2\nu1,i1,3\nu2,i1,4\nu1,i1,5\nu2,i1,2\n");
        var sink = SnapshotSinks.Interactions(stores.Database(provider), dataset, 3);
        await using (sink)
        {
            var report = await Pipelines.Interactions(source, batchSize: 2).MaterializeAsync(sink, CancellationToken.None);

            Assert.Equal(6, report.Accepted);
            Assert.Equal(3, report.DuplicateRows);
            Assert.Contains(report.Notes, n => n.StartsWith("dedupe rule: keep all; 3 row(s) repeat", StringComparison.Ordinal));
        }

        var stored = await StoredAsync(provider, dataset, 3);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 2f], stored.Select(r => Convert.ToSingle(r[3], CultureInfo.InvariantCulture)));
        Assert.True(stored.TrueForAll(r => r[4] is null), "a CSV without timestamps stores null ts");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_second_sink_on_the_same_snapshot_continues_after_its_last_ordinal(string provider)
    {
        var dataset = NewDatasetId();
        var database = stores.Database(provider);
        foreach (var users in new[] { new[] { "a", "b", "c" }, ["d", "e"] })
        {
            var sink = SnapshotSinks.Interactions(database, dataset, 1);
            await using (sink)
            {
                await sink.WriteBatchAsync(users.Select(u => new InteractionRow(u, "x", 1f, null)).ToArray(), CancellationToken.None);
                await sink.CompleteAsync(CancellationToken.None);
            }
        }

        var stored = await StoredAsync(provider, dataset, 1);
        Assert.Equal([(0L, "a"), (1L, "b"), (2L, "c"), (3L, "d"), (4L, "e")], stored.Select(r => (Convert.ToInt64(r[0], CultureInfo.InvariantCulture), (string)r[1]!)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Deleting_a_failed_snapshot_removes_only_its_rows(string provider)
    {
        var dataset = NewDatasetId();
        var database = stores.Database(provider);
        foreach (var (id, snapshot) in new[] { (dataset, 1), (dataset, 2), ("other-" + dataset, 2) })
        {
            var sink = SnapshotSinks.Interactions(database, id, snapshot);
            await using (sink)
            {
                await sink.WriteBatchAsync(new[] { new InteractionRow("u", "i", 1f, 5), new InteractionRow("v", "i", 2f, 6) }, CancellationToken.None);
                await sink.CompleteAsync(CancellationToken.None);
            }
        }

        var removed = await SnapshotSinks.DeleteAsync(database, dataset, 2, CancellationToken.None);

        Assert.Equal(2, removed);
        Assert.Equal(2, (await StoredAsync(provider, dataset, 1)).Count);
        Assert.Empty(await StoredAsync(provider, dataset, 2));
        Assert.Equal(2, (await StoredAsync(provider, "other-" + dataset, 2)).Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_batch_with_message_ids_stores_rows_and_ids_together_or_neither(string provider)
    {
        var dataset = NewDatasetId();
        var database = stores.Database(provider);
        var log = new DatabaseProcessedMessageLog(database);
        var scope = "chef-" + dataset;
        var sink = SnapshotSinks.Interactions(database, dataset, 1, new SnapshotSinkOptions { MessageScope = scope });
        await using (sink)
        {
            await sink.WriteBatchAsync(new[] { new InteractionRow("u1", "i1", 1f, null) }, ["m1"], CancellationToken.None);

            // A null user id breaks the table's NOT NULL constraint half-way through the batch.
            InteractionRow[] broken = [new("u2", "i2", 1f, null), new(null!, "i3", 1f, null)];
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(async () => await sink.WriteBatchAsync(broken, ["m2"], CancellationToken.None));

            await sink.WriteBatchAsync(new[] { new InteractionRow("u4", "i4", 1f, null) }, ["m3"], CancellationToken.None);
        }

        Assert.True(await log.IsProcessedAsync(scope, "m1", CancellationToken.None));
        Assert.False(await log.IsProcessedAsync(scope, "m2", CancellationToken.None));
        Assert.True(await log.IsProcessedAsync(scope, "m3", CancellationToken.None));
        Assert.False(await log.IsProcessedAsync("another-chef", "m1", CancellationToken.None));
        var stored = await StoredAsync(provider, dataset, 1);
        Assert.Equal([(0L, "u1"), (1L, "u4")], stored.Select(r => (Convert.ToInt64(r[0], CultureInfo.InvariantCulture), (string)r[1]!)));
    }

    [Fact]
    public async Task A_postgres_sink_disposed_without_completing_stores_nothing()
    {
        var dataset = NewDatasetId();
        var sink = SnapshotSinks.Interactions(stores.Database("postgres"), dataset, 1);
        await using (sink)
        {
            await sink.WriteBatchAsync(new[] { new InteractionRow("u", "i", 1f, null) }, CancellationToken.None);
            await sink.WriteBatchAsync(new[] { new InteractionRow("v", "i", 1f, null) }, CancellationToken.None);
            Assert.Equal(2, sink.RowsWritten);
        }

        Assert.Empty(await StoredAsync("postgres", dataset, 1));
    }

    [Fact]
    public async Task The_sqlite_sink_holds_the_write_gate_only_while_a_batch_commits()
    {
        var dataset = NewDatasetId();
        var before = stores.SqliteGate.Entries;
        var sink = SnapshotSinks.Interactions(stores.Database("sqlite"), dataset, 1);
        await using (sink)
        {
            for (var i = 0; i < 3; i++)
            {
                await sink.WriteBatchAsync(new[] { new InteractionRow("u" + i, "i", 1f, null) }, CancellationToken.None);
                Assert.False(stores.SqliteGate.IsHeld, "the gate is released between batches, so grain turns can write");
            }

            // Another writer gets in while the sink is still open, and the sink's next batch queues behind it.
            var turn = await stores.SqliteGate.EnterAsync(CancellationToken.None);
            var queued = sink.WriteBatchAsync(new[] { new InteractionRow("late", "i", 1f, null) }, CancellationToken.None).AsTask();
            await Task.Delay(50);
            Assert.False(queued.IsCompleted);
            Assert.Equal(3, (await StoredAsync("sqlite", dataset, 1)).Count);
            turn.Dispose();
            await queued;
        }

        Assert.Equal(4, (await StoredAsync("sqlite", dataset, 1)).Count);
        Assert.Equal(before + 5, stores.SqliteGate.Entries);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Xsum_text_pairs_round_trip_unchanged_and_repeated_documents_are_counted(string provider)
    {
        var dataset = NewDatasetId();
        var pairs = File.ReadLines(Path.Combine(SharedData.Folder, "xsum", "xsum_test_1000.jsonl")).Take(200)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Select(e => new TextPairRow(e.GetProperty("document").GetString()!, e.GetProperty("summary").GetString()!))
            .ToList();
        pairs.Add(pairs[0] with { Summary = "A second reference summary." });
        var sink = SnapshotSinks.TextPairs(stores.Database(provider), dataset, 1);
        SinkSummaryView summary;
        await using (sink)
        {
            foreach (var chunk in pairs.Chunk(64))
            {
                await sink.WriteBatchAsync(chunk, CancellationToken.None);
            }

            var completed = await sink.CompleteAsync(CancellationToken.None);
            summary = new(completed.DuplicateRows, completed.DuplicateRule);
        }

        var stored = await stores.RowsAsync(provider,
            $"SELECT document, summary FROM snapshot_text_pairs WHERE dataset_id = '{dataset}' AND snapshot = 1 ORDER BY ordinal");
        Assert.Equal(pairs, stored.Select(r => new TextPairRow((string)r[0]!, (string)r[1]!)));
        Assert.Equal(1, summary.Duplicates);
        Assert.Contains("repeat the document", summary.Rule, StringComparison.Ordinal);
    }

    private sealed record SinkSummaryView(long Duplicates, string? Rule);
}
