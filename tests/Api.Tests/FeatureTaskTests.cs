using System.Net;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>
/// The seed's task body with three data chefs (interactions, user features, item features) over CSV files: all three
/// materialize before the run, the version records the three snapshots, and serving takes request-time user features.
/// </summary>
public sealed class FeatureTaskTests
{
    /// <summary>
    /// The feature model the end-to-end test trains; it also checks cold start: the brand-new item reaches the users
    /// its features suit, and a new user is ranked from request-time features.
    /// </summary>
    private const string Algorithm = "hybrid";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_seed_task_body_with_three_chefs_trains_on_three_snapshots_and_serves_with_request_features(string provider)
    {
        await using var node = await ApiNode.StartAsync(provider);
        using var admin = await node.AdminAsync();
        await CreateChefsAsync(node, admin);
        await admin.Post("/create_model", new
        {
            model_id = "shop", algorithm = Algorithm, dataset_id = "shop-interactions",
            user_features_dataset_id = "shop-users", item_features_dataset_id = "shop-items",
        }, HttpStatusCode.Created);

        var added = await admin.Post("/add_model_task", new
        {
            task_name = "shop-task", model_id = "shop", interactions_data_chef_id = "interactions",
            user_features_data_chef_id = "users", item_features_data_chef_id = "items", interval = 3600,
        }, HttpStatusCode.Created);
        Assert.Equal("users", added["task"]!["user_features_data_chef_id"]!.GetValue<string>());

        var tasks = (await node.Anonymous.Get("/list_tasks")).AsArray();
        var listed = Assert.Single(tasks)!;
        Assert.Equal("interactions", listed["interactions_data_chef_id"]!.GetValue<string>());
        Assert.Equal("interactions", listed["data_chef_id"]!.GetValue<string>());
        Assert.Equal("users", listed["user_features_data_chef_id"]!.GetValue<string>());
        Assert.Equal("items", listed["item_features_data_chef_id"]!.GetValue<string>());

        var version = await Eventually.Until(() => admin.Get("/api/v1/models/shop/versions"), vs => vs.AsArray().Count > 0, TimeSpan.FromSeconds(90), "a version")
            .ContinueWith(t => t.Result.AsArray()[0]!["version"]!.GetValue<string>(), TaskScheduler.Default);
        var trained = await admin.WaitForVersion("shop", version);
        Assert.Equal("shop-interactions", trained["dataset_id"]!.GetValue<string>());
        Assert.Equal("shop-users", trained["user_features_dataset_id"]!.GetValue<string>());
        Assert.Equal("shop-items", trained["item_features_dataset_id"]!.GetValue<string>());
        var run = (await Eventually.Until(() => admin.Get("/api/v1/tasks/shop-task"), t => t["history"]!.AsArray().Count > 0, TimeSpan.FromSeconds(30), "the run to end"))["history"]![0]!;
        Assert.Equal("completed", run["status"]!.GetValue<string>());
        // Each number is the snapshot its chef made for this run.
        Assert.Equal(run["snapshots"]!["interactions"]!.GetValue<int>(), trained["snapshot"]!.GetValue<int>());
        Assert.Equal(run["snapshots"]!["users"]!.GetValue<int>(), trained["user_features_snapshot"]!.GetValue<int>());
        Assert.Equal(run["snapshots"]!["items"]!.GetValue<int>(), trained["item_features_snapshot"]!.GetValue<int>());
        var items = await admin.Get("/api/v1/datasets/shop-items");
        Assert.Equal(31 + 6 + 31, items["snapshots"]![0]!["rows"]!.GetValue<long>()); // a genre each (6 items have two) and a price bucket each
        var status = await node.Anonymous.Get($"/model/status/shop/{version}");
        Assert.Equal(trained["user_features_snapshot"]!.GetValue<int>(), status["user_features_snapshot"]!.GetValue<int>());

        var known = await node.Anonymous.Get("/api/v1/models/shop/recommend?user_id=u0&n=10");
        Assert.Equal(10, known["recommendations"]!.AsArray().Count);
        Assert.False(known["from_request_features"]!.GetValue<bool>());
        var stranger = await node.Anonymous.Get("/api/v1/models/shop/recommend?user_id=new&n=5&user_features=gender=F,age=31,planet=Mars");
        Assert.Equal(5, stranger["recommendations"]!.AsArray().Count);
        Assert.NotNull(stranger["unknown_features"]);
        var batch = await node.Anonymous.Post("/api/v1/models/shop/recommend/batch", new { user_ids = new[] { "u1", "new" }, n = 5, user_features = "gender=M" });
        Assert.Equal(2, batch["results"]!.AsArray().Count);

        await AssertColdStartAsync(node, stranger);
    }

    [Fact]
    public async Task A_task_refuses_chefs_of_the_wrong_kind_and_two_names_for_the_interactions_chef()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        await CreateChefsAsync(node, admin);
        await admin.Post("/api/v1/models", new { id = "shop", algorithm = "als", dataset_id = "shop-interactions" }, HttpStatusCode.Created);

        var wrongKind = await admin.Post("/add_model_task", new { task_name = "t", model_id = "shop", interactions_data_chef_id = "interactions", user_features_data_chef_id = "interactions", interval = 60 },
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("fills interactions", wrongKind["errors"]!["user_features_data_chef_id"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var featuresAsInteractions = await admin.Post("/api/v1/tasks", new { name = "t", model_id = "shop", interactions_data_chef_id = "users", interval = 60 },
            HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(featuresAsInteractions["errors"]!["interactions_data_chef_id"]);
        var both = await admin.Post("/api/v1/tasks", new { name = "t", model_id = "shop", data_chef_id = "interactions", interactions_data_chef_id = "other", interval = 60 },
            HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(both["errors"]!["interactions_data_chef_id"]);
        var missing = await admin.Post("/api/v1/tasks", new { name = "t", model_id = "shop", item_features_data_chef_id = "nope", interval = 60 }, HttpStatusCode.NotFound);
        Assert.NotNull(missing["errors"]!["item_features_data_chef_id"]);

        var same = await admin.Post("/api/v1/tasks", new { name = "t", model_id = "shop", data_chef_id = "interactions", interactions_data_chef_id = "interactions", interval = 3600, paused = true },
            HttpStatusCode.Created);
        Assert.Equal("interactions", same["interactions_data_chef_id"]!.GetValue<string>());
        var users = await admin.Get("/api/v1/datasets/shop-users");
        Assert.Empty(users["snapshots"]!.AsArray()); // paused: nothing ran
    }

    /// <summary>Three CSV chefs over files in the sources folder; the two feature chefs convert wide tables.</summary>
    private static async Task CreateChefsAsync(ApiNode node, HttpClient admin)
    {
        var sources = Path.Combine(node.DataDirectory, "sources");
        File.WriteAllText(Path.Combine(sources, "interactions.csv"), FeatureData.InteractionsCsv());
        File.WriteAllText(Path.Combine(sources, "users.csv"), FeatureData.UsersCsv());
        File.WriteAllText(Path.Combine(sources, "items.csv"), FeatureData.ItemsCsv());
        await admin.Post("/create_data_chef_from_csv", new { data_chef_id = "interactions", name = "interactions", file_path = "sources/interactions.csv", dataset_id = "shop-interactions" },
            HttpStatusCode.Created);
        var users = await admin.Post("/create_data_chef_from_csv", new
        {
            data_chef_id = "users", name = "users", file_path = "sources/users.csv", dataset_id = "shop-users", dataset_kind = "features",
            mapping = "user_id->entity_id", features = new { buckets = "age:25,35,50" },
        }, HttpStatusCode.Created);
        Assert.Equal("age:25,35,50", users["data_chef"]!["features"]!["buckets"]!.GetValue<string>());
        await admin.Post("/create_data_chef_from_csv", new
        {
            data_chef_id = "items", name = "items", file_path = "sources/items.csv", dataset_id = "shop-items", dataset_kind = "features",
            mapping = "item_id->entity_id", features = new { buckets = "price:10,20" },
        }, HttpStatusCode.Created);
        Assert.Equal("features", (await admin.Get("/api/v1/datasets/shop-users"))["kind"]!.GetValue<string>());
    }

    // For a feature model (switch Algorithm to "hybrid"): the cold-start acceptance of issue 14.
    private static async Task AssertColdStartAsync(ApiNode node, JsonNode stranger)
    {
        var reached = 0;
        for (var u = 0; u < 40; u += 2)
        {
            var recs = await node.Anonymous.Get($"/api/v1/models/shop/recommend?user_id=u{u}&n=10");
            if (recs["recommendations"]!.AsArray().Any(r => r!["item_id"]!.GetValue<string>() == FeatureData.NewItem)) reached++;
        }

        Assert.True(reached >= 10, $"the new Comedy item reached {reached} of 20 F users");
        Assert.True(stranger["from_request_features"]!.GetValue<bool>());
        Assert.Equal(["planet=Mars"], stranger["unknown_features"]!.AsArray().Select(f => f!.GetValue<string>()));
        var comedies = stranger["recommendations"]!.AsArray().Count(r => FeatureData.IsComedy(r!["item_id"]!.GetValue<string>()));
        Assert.True(comedies >= 4, $"{comedies} of a new F user's top 5 are comedies");
    }
}
