using System.Net;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>The two seed servers' routes answer with their shapes, at the root and under /api/v1.</summary>
public sealed class SeedRouteTests
{
    [Theory]
    [InlineData("sqlite", "")]
    [InlineData("postgres", "/api/v1")]
    public async Task The_recommendation_server_routes_work(string provider, string prefix)
    {
        await using var node = await ApiNode.StartAsync(provider);
        using var admin = await node.AdminAsync();
        await admin.ImportRatings("ratings");
        File.WriteAllText(Path.Combine(node.DataDirectory, "sources", "more.csv"), "userId,productId,score\nu1,i1,4\nu2,i2,5\n");

        var created = await admin.Post(prefix + "/create_model", new { model_name = "shop", algorithm = "nmf", hyperparameters = new { n_components = 5, max_iter = 50 }, dataset_id = "ratings" }, HttpStatusCode.Created);
        Assert.Equal("shop", created["model_id"]!.GetValue<string>());
        Assert.Equal(5, created["model"]!["hyperparameters"]!["factors"]!.GetValue<int>()); // the seed's n_components, under its canonical name
        Assert.Contains((await node.Anonymous.Get(prefix + "/list_models")).AsArray(), m => m!["model_id"]!.GetValue<string>() == "shop");
        Assert.Equal("nmf", (await node.Anonymous.Get(prefix + "/get_model_info?model_id=shop"))["algorithm"]!.GetValue<string>());

        var chef = await admin.Post(prefix + "/create_data_chef_from_csv", new { name = "more", file_path = "sources/more.csv", mapping = "userId->user_id,productId->item_id,score->rating" }, HttpStatusCode.Created);
        var chefId = chef["data_chef_id"]!.GetValue<string>();
        Assert.Contains((await node.Anonymous.Get(prefix + "/list_data_chefs")).AsArray(), c => c!["id"]!.GetValue<string>() == chefId);

        var task = await admin.Post(prefix + "/add_model_task", new { model_id = "shop", interval = 1 }, HttpStatusCode.Created);
        Assert.Equal("shop", task["task_name"]!.GetValue<string>());
        await Eventually.Until(() => node.Anonymous.Get(prefix + "/list_tasks"),
            tasks => tasks.AsArray()[0]!["history"]!.AsArray().Count > 0, TimeSpan.FromSeconds(60), "a first run");
        var updated = await admin.Post(prefix + "/update_task_interval", new { model_id = "shop", interval = 600 });
        Assert.Equal(600, updated["task"]!["interval_seconds"]!.GetValue<int>());

        var stopped = await admin.Post(prefix + "/stop_scheduler", null);
        Assert.Equal("stopped", stopped["status"]!.GetValue<string>());
        Assert.False((await node.Anonymous.Get(prefix + "/get_scheduler_status"))["running"]!.GetValue<bool>());
        Assert.True((await admin.Post(prefix + "/restart_scheduler", null))["running"]!.GetValue<bool>());

        await Eventually.Until(() => node.Anonymous.Get(prefix + "/get_model_info?model_id=shop"),
            m => m["versions"]!.AsArray().Count > 0, TimeSpan.FromSeconds(30), "a version");
        await admin.WaitForVersion("shop", "v1");
        var recs = await node.Anonymous.Get(prefix + "/recommend?user_id=u3&model_id=shop&n=4");
        Assert.Equal(4, recs["recommendations"]!.AsArray().Count);

        await admin.Post(prefix + "/remove_model_task", new { task_name = "shop" });
        Assert.Empty((await node.Anonymous.Get(prefix + "/list_tasks")).AsArray());
        await admin.Send(HttpMethod.Delete, prefix + "/delete_data_chef?data_chef_id=" + chefId, null, HttpStatusCode.OK);
        await Eventually.Until(async () => (await node.Anonymous.Get($"/api/v1/models/shop/versions")).AsArray(),
            vs => vs.All(v => v!["status"]!.GetValue<string>() is "completed" or "failed" or "stopped"), TimeSpan.FromSeconds(60), "runs to end");
        await admin.Send(HttpMethod.Delete, prefix + "/delete_model?model_id=shop", null, HttpStatusCode.OK);
        await node.Anonymous.Get(prefix + "/get_model_info?model_id=shop", HttpStatusCode.NotFound);
        await node.Anonymous.Get(prefix + "/recommend?user_id=u3&model_id=shop&n=4", HttpStatusCode.NotFound); // no longer served
    }

    [Theory]
    [InlineData("sqlite", "")]
    [InlineData("sqlite", "/api/v1")]
    public async Task The_summarization_server_model_routes_work(string provider, string prefix)
    {
        await using var node = await ApiNode.StartAsync(provider);
        using var admin = await node.AdminAsync();
        await admin.ImportRatings("ratings");
        await admin.Post("/api/v1/models", new { id = "m", algorithm = "popularity", dataset_id = "ratings" }, HttpStatusCode.Created);

        var queued = await admin.Post(prefix + "/model/train", new { model_id = "m", version = "a" }, HttpStatusCode.Accepted);
        Assert.Equal("m/a", queued["id"]!.GetValue<string>());
        var status = await Eventually.Until(() => node.Anonymous.Get(prefix + "/model/status/m/a"),
            s => s["status"]!.GetValue<string>() == "completed", TimeSpan.FromSeconds(60), "training");
        Assert.Equal(100, status["progress"]!.GetValue<double>());
        await admin.Post(prefix + "/model/train", new { model_id = "m", version = "b" }, HttpStatusCode.Accepted);
        await admin.WaitForVersion("m", "b");

        var list = (await node.Anonymous.Get(prefix + "/model/list")).AsArray();
        Assert.Equal(2, list.Count);
        Assert.Single(list, v => v!["is_active"]!.GetValue<bool>());
        Assert.Equal("m/a", (await node.Anonymous.Get(prefix + "/model/active?model_id=m"))["id"]!.GetValue<string>());
        var activated = await admin.Post(prefix + "/model/activate", new { id = "m/b" });
        Assert.Equal("b", activated["active_version"]!.GetValue<string>());
        Assert.Equal("m/b", (await node.Anonymous.Get(prefix + "/model/active"))["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_openapi_document_and_swagger_ui_are_served()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        var doc = await node.Anonymous.Get("/openapi/v1.json");
        var paths = doc["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/models/{id}/versions"));
        Assert.True(paths.ContainsKey("/recommend"));
        var ui = await node.Anonymous.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }
}
