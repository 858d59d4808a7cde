using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Jobs;
using HttmOrleans.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>
/// Queue-fed datasets over real HTTP, a real broker and real SQLite/PostgreSQL: each snapshot is the
/// previous one plus the new messages, a failure keeps what was acknowledged, and an empty drain
/// leaves the latest snapshot in place.
/// </summary>
public sealed class QueueAppendTests(DataChefServices services) : IClassFixture<DataChefServices>
{
    private const string Mapping = "userId->user_id,productId->item_id,stars->rating";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Every_snapshot_of_a_queue_chef_holds_the_previous_one_plus_the_new_messages_and_an_empty_drain_makes_none(string provider)
    {
        var (node, admin, owned) = await NodeAsync(provider);
        try
        {
            // The dataset starts from imported samples: the chef appends onto them too.
            await admin.Post("/api/v1/datasets", new { id = "events", kind = "interactions" }, HttpStatusCode.Created);
            var samples = new StringContent("user_id,item_id,rating,timestamp\ns-u0,s-i0,3,1700000000\ns-u1,s-i1,4,1700000001\ns-u2,s-i2,5,1700000002\n", Encoding.UTF8, "text/csv");
            await admin.Send(HttpMethod.Post, "/api/v1/datasets/events/import?format=csv", samples, HttpStatusCode.OK);
            await admin.Post("/api/v1/datasets/events/snapshots", null, HttpStatusCode.Created);
            var queue = await ChefAsync(admin, "events-chef", "events");

            await PublishAsync(queue, 0, 5);
            var first = await MaterializedAsync(node, admin, "events-chef");
            Assert.Equal(2, first["last"]!["snapshot"]!.GetValue<int>());
            Assert.Equal(5, first["last"]!["rows_accepted"]!.GetValue<long>());
            Assert.Contains("snapshot 2 is snapshot 1 plus 5 new row(s): 8 in all", first["last"]!["report"]!.GetValue<string>());

            await PublishAsync(queue, 5, 4);
            var second = await MaterializedAsync(node, admin, "events-chef");
            Assert.Equal(3, second["last"]!["snapshot"]!.GetValue<int>());
            Assert.Equal(4, second["last"]!["rows_accepted"]!.GetValue<long>());

            var rows = await RowsAsync(node, "events", 3);
            Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), rows.Select(r => r.Ordinal));
            Assert.Equal(["s-u0", "s-u1", "s-u2", .. Enumerable.Range(0, 9).Select(m => $"q-u{m}")], rows.Select(r => r.User));
            Assert.Equal(["s-u0", "s-u1", "s-u2", .. Enumerable.Range(0, 5).Select(m => $"q-u{m}")], (await RowsAsync(node, "events", 2)).Select(r => r.User));
            Assert.Equal(3, (await RowsAsync(node, "events", 1)).Count);

            // Nothing new: the run completes on the latest snapshot instead of failing or copying it.
            var empty = await MaterializedAsync(node, admin, "events-chef");
            Assert.Equal(3, empty["last"]!["snapshot"]!.GetValue<int>());
            Assert.Equal(0, empty["last"]!["rows_read"]!.GetValue<long>());
            Assert.Contains("0 new messages; no new snapshot, snapshot 3 stays the latest", empty["last"]!["report"]!.GetValue<string>());
            var snapshots = (await node.Anonymous.Get("/api/v1/datasets/events/snapshots")).AsArray();
            Assert.Equal([(1, 3L), (2, 8L), (3, 12L)], snapshots.Select(s => (s!["number"]!.GetValue<int>(), s["rows"]!.GetValue<long>())));
            Assert.Empty(await RowsAsync(node, "events", 4));
        }
        finally
        {
            if (owned)
            {
                admin.Dispose();
                await node.DisposeAsync();
            }
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_materialization_that_fails_after_acknowledging_messages_keeps_them_in_a_committed_snapshot_and_fails_the_run(string provider)
    {
        var (node, admin, owned) = await NodeAsync(provider);
        try
        {
            var queue = await ChefAsync(admin, "poisoned-chef", "poisoned");
            await PublishAsync(queue, 0, 2);
            Assert.Equal(1, (await MaterializedAsync(node, admin, "poisoned-chef"))["last"]!["snapshot"]!.GetValue<int>());

            // Three good messages, then one whose row the database refuses: PostgreSQL rejects a NUL in
            // text; SQLite stores NULs, so a trigger refuses that row there.
            await PublishAsync(queue, 2, 3);
            string poison;
            if (provider == "postgres")
            {
                poison = """{"userId":"bad\u0000user","productId":"q-i-bad","stars":1}""";
            }
            else
            {
                await ExecuteAsync(node, "CREATE TRIGGER refuse_poison BEFORE INSERT ON snapshot_interactions WHEN NEW.user_id = 'poison' BEGIN SELECT RAISE(ABORT, 'poison row refused'); END");
                poison = """{"userId":"poison","productId":"q-i-bad","stars":1}""";
            }

            await services.PublishAsync(queue, poison, "poison");
            var failed = await MaterializedAsync(node, admin, "poisoned-chef", "failed");
            var error = failed["last"]!["error"]!.GetValue<string>();
            Assert.Contains("the 3 row(s) of acknowledged messages were kept in snapshot 2 (5 rows in all)", error);

            var snapshots = (await node.Anonymous.Get("/api/v1/datasets/poisoned/snapshots")).AsArray();
            Assert.Equal([(1, 2L), (2, 5L)], snapshots.Select(s => (s!["number"]!.GetValue<int>(), s["rows"]!.GetValue<long>())));
            var kept = await RowsAsync(node, "poisoned", 2);
            Assert.Equal(Enumerable.Range(0, 5).Select(m => $"q-u{m}"), kept.Select(r => r.User));
            Assert.Equal(Enumerable.Range(0, 5).Select(i => (long)i), kept.Select(r => r.Ordinal));

            // The acknowledged messages are gone from the queue; the refused one waits there.
            Assert.Equal(1u, await services.CountAsync(queue));
        }
        finally
        {
            if (owned)
            {
                admin.Dispose();
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_training_run_whose_queue_had_no_new_message_trains_on_the_latest_snapshot_instead_of_failing()
    {
        var (node, admin, _) = await NodeAsync("sqlite");
        var queue = await ChefAsync(admin, "task-chef", "task-events");
        for (var u = 0; u < 12; u++)
        {
            // One message per user with several interactions: the records path "$" takes an array.
            var records = string.Join(",", Enumerable.Range(0, 6).Select(i => $$"""{"userId":"t-u{{u}}","productId":"t-i{{(u + i) % 10}}","stars":{{1 + ((u * i) % 5)}}}"""));
            await services.PublishAsync(queue, $"[{records}]", $"t-{u}");
        }

        await admin.Post("/api/v1/models", new { id = "queue-model", algorithm = "item-knn", dataset_id = "task-events" }, HttpStatusCode.Created);
        await admin.Post("/api/v1/tasks", new { name = "queue-task", model_id = "queue-model", data_chef_id = "task-chef", interval = 3600 }, HttpStatusCode.Created);
        for (var run = 1; run <= 2; run++)
        {
            // The first run is the one a new task starts by itself.
            if (run > 1) await admin.Post("/api/v1/tasks/queue-task/run", null, HttpStatusCode.Accepted);
            var task = await Eventually.Until(() => node.Anonymous.Get("/api/v1/tasks/queue-task"), t => t["history"]!.AsArray().Count >= run,
                TimeSpan.FromSeconds(90), $"run {run}");
            var entry = task["history"]![run - 1]!;
            Assert.True(entry["status"]!.GetValue<string>() == "completed", $"run {run} ended {entry}");
            Assert.Equal(1, (await node.Anonymous.Get($"/api/v1/models/queue-model/versions/v{run}"))["snapshot"]!.GetValue<int>());
        }

        Assert.Contains("0 new messages", (await node.Anonymous.Get("/api/v1/datachefs/task-chef"))["last"]!["report"]!.GetValue<string>());
        Assert.Single((await node.Anonymous.Get("/api/v1/datasets/task-events/snapshots")).AsArray());
    }

    [Fact]
    public async Task A_features_chef_over_the_queue_turns_wide_messages_into_feature_rows_and_appends_new_entities()
    {
        var (node, admin, _) = await NodeAsync("sqlite");
        await admin.Post("/api/v1/datasets", new { id = "q-users", kind = "features" }, HttpStatusCode.Created);
        var queue = await services.NewQueueAsync();
        // No dataset_kind: the chef fills the features dataset it names as such.
        var chef = await admin.Post("/api/v1/datachefs", new
        {
            id = "q-users-chef", dataset_id = "q-users", mapping = "userId->entity_id", features = new { buckets = "age:25,35" },
            source = new { kind = "rabbitmq", uri = DataChefServices.AmqpUri, queue, prefetch = 2, idle_timeout_ms = 1000 },
        }, HttpStatusCode.Created);
        Assert.Equal("features", chef["kind"]!.GetValue<string>());

        await services.PublishAsync(queue, """{"userId":"f-u1","gender":"F","age":31,"genres":"Comedy|Drama"}""", "f-1");
        await services.PublishAsync(queue, """{"userId":"f-u2","gender":"M","age":52,"genres":"Drama"}""", "f-2");
        var first = await MaterializedAsync(node, admin, "q-users-chef");
        Assert.Equal(1, first["last"]!["snapshot"]!.GetValue<int>());
        Assert.Equal(2, first["last"]!["rows_accepted"]!.GetValue<long>());
        Assert.Equal(
            [$"f-u1 {FeatureNames.Bucket("age", 25, 35)} 1", "f-u1 gender=F 1", "f-u1 genres=Comedy 1", "f-u1 genres=Drama 1",
             $"f-u2 {FeatureNames.Bucket("age", 35, null)} 1", "f-u2 gender=M 1", "f-u2 genres=Drama 1"],
            await FeatureRowsAsync(node, "q-users", 1));

        // A new user's message: the next snapshot carries the first one's rows and adds the new ones.
        await services.PublishAsync(queue, """{"userId":"f-u3","gender":"F","age":19,"genres":"Horror"}""", "f-3");
        var second = await MaterializedAsync(node, admin, "q-users-chef");
        Assert.Equal(2, second["last"]!["snapshot"]!.GetValue<int>());
        Assert.Equal(1, second["last"]!["rows_accepted"]!.GetValue<long>());
        Assert.Equal(
            [.. (await FeatureRowsAsync(node, "q-users", 1)), $"f-u3 {FeatureNames.Bucket("age", null, 25)} 1", "f-u3 gender=F 1", "f-u3 genres=Horror 1"],
            await FeatureRowsAsync(node, "q-users", 2));
    }

    [Fact]
    public async Task A_job_that_reserves_again_gets_its_pending_snapshot_back_until_it_is_committed()
    {
        await services.Admin.Post("/api/v1/datasets", new { id = "reserved", kind = "interactions" }, HttpStatusCode.Created);
        var app = (WebApplication)typeof(ApiNode).GetField("_app", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(services.Node)!;
        var dataset = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IDatasetGrain>("reserved");

        var first = await dataset.ReserveSnapshotFor("job:a");
        Assert.Equal(first, await dataset.ReserveSnapshotFor("job:a"));
        var other = await dataset.ReserveSnapshotFor("job:b");
        Assert.Equal(first + 1, other);

        await dataset.CommitSnapshot(first, 0, -1, "test", null);
        await dataset.AbandonSnapshot(other, "test");
        Assert.Equal(other + 1, await dataset.ReserveSnapshotFor("job:a"));
        Assert.Equal(other + 2, await dataset.ReserveSnapshotFor("job:b"));
    }

    private async Task<(ApiNode Node, HttpClient Admin, bool Owned)> NodeAsync(string provider)
    {
        if (provider == "sqlite")
        {
            // The fixture's node is shared by the class, so every test here uses its own chef and dataset ids.
            return (services.Node, services.Admin, false);
        }

        var node = await ApiNode.StartAsync(provider);
        return (node, await node.AdminAsync(), true);
    }

    private async Task<string> ChefAsync(HttpClient admin, string id, string dataset)
    {
        var queue = await services.NewQueueAsync();

        // prefetch 2: the pipeline stores and acknowledges every message on its own.
        await admin.Post("/api/v1/datachefs", new
        {
            id, dataset_id = dataset, mapping = Mapping,
            source = new { kind = "rabbitmq", uri = DataChefServices.AmqpUri, queue, prefetch = 2, idle_timeout_ms = 1000 },
        }, HttpStatusCode.Created);
        return queue;
    }

    private async Task PublishAsync(string queue, int first, int count)
    {
        for (var m = first; m < first + count; m++)
            await services.PublishAsync(queue, $$"""{"userId":"q-u{{m}}","productId":"q-i{{m}}","stars":{{(m % 5) + 1}}}""", $"q-{m}");
    }

    private static async Task<JsonNode> MaterializedAsync(ApiNode node, HttpClient admin, string id, string status = "completed")
    {
        var before = (await node.Anonymous.Get($"/api/v1/datachefs/{id}"))["last"]?["at"]?.ToJsonString();
        await admin.Post($"/api/v1/datachefs/{id}/materialize", null, HttpStatusCode.Accepted);
        var chef = await Eventually.Until(() => node.Anonymous.Get($"/api/v1/datachefs/{id}"),
            c => c["last"] is JsonObject last && c["running_job"] is null && last["at"]!.ToJsonString() != before,
            TimeSpan.FromSeconds(60), $"chef {id} to materialize");
        Assert.True(chef["last"]!["status"]!.GetValue<string>() == status, $"materialization ended {chef["last"]}");
        return chef;
    }

    private static HttmDatabase Database(ApiNode node)
    {
        // ApiNode keeps its host private; the rows are read past it only to assert what was stored.
        var app = (WebApplication)typeof(ApiNode).GetField("_app", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(node)!;
        return app.Services.GetRequiredService<HttmDatabase>();
    }

    private static async Task<List<(long Ordinal, string User)>> RowsAsync(ApiNode node, string dataset, int snapshot)
    {
        var rows = new List<(long, string)>();
        await using var connection = await Database(node).OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT ordinal, user_id FROM snapshot_interactions WHERE dataset_id = '{dataset}' AND snapshot = {snapshot.ToString(CultureInfo.InvariantCulture)} ORDER BY ordinal";
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1)));
        return rows;
    }

    private static async Task<List<string>> FeatureRowsAsync(ApiNode node, string dataset, int snapshot)
    {
        var rows = new List<string>();
        var reader = await node.Services.GetRequiredService<DatasetStore>().OpenSnapshotAsync(dataset, snapshot, CancellationToken.None);
        await foreach (var f in reader.ReadFeaturesAsync(CancellationToken.None)) rows.Add(string.Create(CultureInfo.InvariantCulture, $"{f.EntityId} {f.Feature} {f.Value}"));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static async Task ExecuteAsync(ApiNode node, string sql)
    {
        await using var connection = await Database(node).OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
