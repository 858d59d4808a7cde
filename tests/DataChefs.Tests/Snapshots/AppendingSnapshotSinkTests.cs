using System.Globalization;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Snapshots;
using HttmOrleans.DataChefs.Tests.Support;

namespace HttmOrleans.DataChefs.Tests.Snapshots;

/// <summary>Append semantics for queue-fed snapshots: the previous snapshot copied on the server, new ordinals after it.</summary>
public sealed class AppendingSnapshotSinkTests(SnapshotStores stores) : IClassFixture<SnapshotStores>
{
    private static string NewDatasetId() => "ds-" + Guid.NewGuid().ToString("N")[..10];

    private static InteractionRow[] Rows(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new InteractionRow($"{prefix}{i}", $"i{i % 3}", (i % 5) + 1f, 1_700_000_000_000 + i))];

    private async Task<List<(long Ordinal, string User, float Rating, long? Ts)>> StoredAsync(string provider, string datasetId, int snapshot) =>
        [.. (await stores.RowsAsync(provider,
            $"SELECT ordinal, user_id, rating, ts FROM snapshot_interactions WHERE dataset_id = '{datasetId}' AND snapshot = {snapshot} ORDER BY ordinal"))
            .Select(r => (Convert.ToInt64(r[0], CultureInfo.InvariantCulture), (string)r[1]!, Convert.ToSingle(r[2], CultureInfo.InvariantCulture),
                r[3] is null ? (long?)null : Convert.ToInt64(r[3], CultureInfo.InvariantCulture)))];

    private static async Task WriteAsync(ISnapshotSink<InteractionRow> sink, params InteractionRow[][] batches)
    {
        await using (sink)
        {
            foreach (var (batch, n) in batches.Select((b, n) => (b, n)))
            {
                await sink.WriteBatchAsync(batch, [$"m{n}-{Guid.NewGuid():N}"], CancellationToken.None);
            }

            await sink.CompleteAsync(CancellationToken.None);
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_new_snapshot_starts_as_the_previous_one_and_its_new_rows_continue_the_ordinals(string provider)
    {
        var dataset = NewDatasetId();
        var database = stores.Database(provider);
        await WriteAsync(SnapshotSinks.Interactions(database, dataset, 1), Rows("a", 4), Rows("b", 3));

        var appending = SnapshotSinks.AppendingTo(SnapshotSinks.Interactions(database, dataset, 2), database, previous: 1);
        await WriteAsync(appending, Rows("c", 2), Rows("d", 2));

        Assert.Equal(7, appending.RowsCarried);
        Assert.Equal(4, appending.RowsWritten);
        var first = await StoredAsync(provider, dataset, 1);
        var second = await StoredAsync(provider, dataset, 2);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (long)i), second.Select(r => r.Ordinal));
        Assert.Equal(first, second.Take(7));
        Assert.Equal(["c0", "c1", "d0", "d1"], second.Skip(7).Select(r => r.User));
        Assert.Equal(7, first.Count);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_drain_that_stores_nothing_copies_nothing(string provider)
    {
        var dataset = NewDatasetId();
        var database = stores.Database(provider);
        await WriteAsync(SnapshotSinks.Interactions(database, dataset, 1), Rows("a", 5));

        var appending = SnapshotSinks.AppendingTo(SnapshotSinks.Interactions(database, dataset, 2), database, previous: 1);
        await WriteAsync(appending);

        Assert.Equal(0, appending.RowsCarried);
        Assert.Equal(0, await SnapshotSinks.CountAsync(database, dataset, 2, CancellationToken.None));
        Assert.Equal(5, await SnapshotSinks.CountAsync(database, dataset, 1, CancellationToken.None));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_resumed_snapshot_is_not_copied_into_twice(string provider)
    {
        var dataset = NewDatasetId();
        var database = stores.Database(provider);
        await WriteAsync(SnapshotSinks.Interactions(database, dataset, 1), Rows("a", 3));
        await WriteAsync(SnapshotSinks.AppendingTo(SnapshotSinks.Interactions(database, dataset, 2), database, previous: 1), Rows("b", 2));

        // A consumer restarted on the same snapshot finds the earlier copy and only appends.
        var resumed = SnapshotSinks.AppendingTo(SnapshotSinks.Interactions(database, dataset, 2), database, previous: 1);
        await WriteAsync(resumed, Rows("c", 2));

        Assert.Equal(0, resumed.RowsCarried);
        var stored = await StoredAsync(provider, dataset, 2);
        Assert.Equal(["a0", "a1", "a2", "b0", "b1", "c0", "c1"], stored.Select(r => r.User));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), stored.Select(r => r.Ordinal));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Text_pair_snapshots_are_appended_too_and_other_datasets_are_untouched(string provider)
    {
        var dataset = NewDatasetId();
        var database = stores.Database(provider);
        foreach (var id in new[] { dataset, "other-" + dataset })
        {
            var sink = SnapshotSinks.TextPairs(database, id, 1);
            await using (sink)
            {
                await sink.WriteBatchAsync(new[] { new TextPairRow("doc one", "one"), new TextPairRow("doc two", "two") }, [$"p-{id}"], CancellationToken.None);
                await sink.CompleteAsync(CancellationToken.None);
            }
        }

        var appending = SnapshotSinks.AppendingTo(SnapshotSinks.TextPairs(database, dataset, 2), database, previous: 1);
        await using (appending)
        {
            await appending.WriteBatchAsync(new[] { new TextPairRow("doc three", "three") }, ["p-3"], CancellationToken.None);
            await appending.CompleteAsync(CancellationToken.None);
        }

        var stored = await stores.RowsAsync(provider, $"SELECT ordinal, document FROM snapshot_text_pairs WHERE dataset_id = '{dataset}' AND snapshot = 2 ORDER BY ordinal");
        Assert.Equal([(0L, "doc one"), (1L, "doc two"), (2L, "doc three")], stored.Select(r => (Convert.ToInt64(r[0], CultureInfo.InvariantCulture), (string)r[1]!)));
        Assert.Equal(0, await SnapshotSinks.CountAsync(database, "other-" + dataset, 2, CancellationToken.None));
    }

    [Fact]
    public void Appending_onto_a_snapshot_that_is_not_older_is_refused()
    {
        var database = stores.Database("sqlite");
        Assert.Throws<ArgumentOutOfRangeException>(() => SnapshotSinks.AppendingTo(SnapshotSinks.Interactions(database, "d", 2), database, previous: 2));
    }
}
