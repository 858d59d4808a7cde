using System.Net;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;

namespace HttmOrleans.Api.Tests;

public sealed class DataChefTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_csv_chef_materializes_a_snapshot_with_a_report_and_a_task_trains_on_it(string provider)
    {
        await using var node = await ApiNode.StartAsync(provider);
        using var admin = await node.AdminAsync();
        var lines = new List<string> { "userId,productId,score" };
        for (var u = 0; u < 30; u++)
            for (var i = 0; i < 8; i++) lines.Add($"u{u},p{(u + i) % 20},{1 + ((u * i) % 5)}");
        lines.Add("u99,,3");          // no item: rejected
        lines.Add("u98,p1,lots");     // not a number: rejected
        File.WriteAllText(Path.Combine(node.DataDirectory, "sources", "shop.csv"), string.Join('\n', lines) + "\n");

        var chef = await admin.Post("/create_data_chef_from_csv", new { name = "shop", data_chef_id = "shop-chef", file_path = "sources/shop.csv", mapping = "userId->user_id,productId->item_id,score->rating" }, HttpStatusCode.Created);
        Assert.Equal("shop-chef", chef["data_chef_id"]!.GetValue<string>());
        await admin.Post("/api/v1/datachefs/shop-chef/materialize", null, HttpStatusCode.Accepted);
        var done = await Eventually.Until(() => node.Anonymous.Get("/api/v1/datachefs/shop-chef"), c => c["last"] is not null && c["running_job"] is null,
            TimeSpan.FromSeconds(60), "materialization");
        Assert.Equal("completed", done["last"]!["status"]!.GetValue<string>());
        Assert.Equal(240, done["last"]!["rows_accepted"]!.GetValue<long>());
        Assert.Equal(2, done["last"]!["rows_rejected"]!.GetValue<long>());
        var dataset = await node.Anonymous.Get("/api/v1/datasets/shop-chef");
        Assert.Equal(240, dataset["snapshots"]![0]!["rows"]!.GetValue<long>());

        await admin.Post("/api/v1/models", new { id = "m", algorithm = "item-knn", dataset_id = "shop-chef" }, HttpStatusCode.Created);
        // A new task runs once at once (interval 3600 would otherwise mean an hour's wait).
        await admin.Post("/api/v1/tasks", new { name = "t", model_id = "m", data_chef_id = "shop-chef", interval = 3600 }, HttpStatusCode.Created);
        var task = await Eventually.Until(() => node.Anonymous.Get("/api/v1/tasks/t"), t => t["history"]!.AsArray().Count > 0, TimeSpan.FromSeconds(90), "the first run");
        Assert.Equal("completed", task["history"]![0]!["status"]!.GetValue<string>());
        var version = await node.Anonymous.Get("/api/v1/models/m/versions/v1");
        Assert.Equal(2, version["snapshot"]!.GetValue<int>()); // materialized again before the run

        // A source that breaks fails the run with the reason and leaves the snapshots as they were.
        File.Delete(Path.Combine(node.DataDirectory, "sources", "shop.csv"));
        await admin.Post("/api/v1/tasks/t/run", null, HttpStatusCode.Accepted);
        task = await Eventually.Until(() => node.Anonymous.Get("/api/v1/tasks/t"), t => t["history"]!.AsArray().Count > 1, TimeSpan.FromSeconds(90), "the failed run");
        Assert.Equal("failed", task["history"]![1]!["status"]!.GetValue<string>());
        Assert.Contains("materialization failed", task["history"]![1]!["error"]!.GetValue<string>());
        Assert.Equal(2, (await node.Anonymous.Get("/api/v1/datasets/shop-chef"))["snapshots"]!.AsArray().Count);
    }
}
