using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Datasets;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>Features datasets over HTTP: wide and long imports, bad rows by line, snapshots, and the models and routes that name them.</summary>
public sealed class FeatureDatasetTests
{
    private const string WideUsers = """
        user_id,age,gender,occupation,genres,zip,score
        u1,25,F,writer,Comedy|Drama,02139,4.5
        u2,31,M,engineer,Drama,10001,3
        u3,,F,,,,
        """;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_wide_users_csv_with_a_mapping_becomes_categorical_numeric_bucketed_and_multi_valued_features(string provider)
    {
        await using var node = await ApiNode.StartAsync(provider);
        using var admin = await node.AdminAsync();
        var created = await admin.Post("/api/v1/datasets", new { id = "users", kind = "features" }, HttpStatusCode.Created);
        Assert.Equal("features", created["kind"]!.GetValue<string>());

        var report = await Import(admin, "users", WideUsers, "mapping=user_id->entity_id&types=zip:categorical&buckets=age:18,25,35,50");
        Assert.Equal(3, report["rows_accepted"]!.GetValue<long>());
        Assert.Equal(0, report["skipped"]!.GetValue<long>());
        var types = report["column_types"]!.AsObject();
        Assert.Equal("bucketed", types["age"]!.GetValue<string>());
        Assert.Equal("categorical", types["gender"]!.GetValue<string>());
        Assert.Equal("categorical", types["zip"]!.GetValue<string>()); // numbers all, but typed categorical
        Assert.Equal("numeric", types["score"]!.GetValue<string>()); // inferred: every value is a number

        var features = await Features(admin, "users");
        Assert.Equal(
            ["u1 age=[25,35) 1", "u1 gender=F 1", "u1 genres=Comedy 1", "u1 genres=Drama 1", "u1 occupation=writer 1", "u1 score 4.5", "u1 zip=02139 1",
             "u2 age=[25,35) 1", "u2 gender=M 1", "u2 genres=Drama 1", "u2 occupation=engineer 1", "u2 score 3", "u2 zip=10001 1",
             "u3 gender=F 1"],
            features.Order(StringComparer.Ordinal));
        Assert.Equal(report["imported"]!.GetValue<long>(), features.Count);
        // The importer and the recommenders name a bucket the same way, so request-time age=31 finds it.
        Assert.Equal("age=[25,35)", FeatureNames.Bucket("age", 25, 35));
        Assert.Equal("age=[50,)", FeatureNames.Bucket("age", 50, null));

        var snapshot = await admin.Post("/api/v1/datasets/users/snapshots", null, HttpStatusCode.Created);
        Assert.Equal(features.Count, snapshot["rows"]!.GetValue<long>());
        var store = node.Services.GetRequiredService<DatasetStore>();
        var reader = await store.OpenSnapshotAsync("users", snapshot["number"]!.GetValue<int>(), CancellationToken.None);
        var read = new List<string>();
        await foreach (var f in reader.ReadFeaturesAsync(CancellationToken.None)) read.Add($"{f.EntityId} {f.Feature} {f.Value}");
        Assert.Equal(features.Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Without_buckets_or_types_age_is_numeric_and_zip_too_and_a_separator_can_be_changed()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        await admin.Post("/api/v1/datasets", new { id = "users", kind = "features" }, HttpStatusCode.Created);
        var report = await Import(admin, "users", WideUsers.Replace("Comedy|Drama", "Comedy/Drama", StringComparison.Ordinal), "mapping=user_id->entity_id&separator=/");
        Assert.Equal("numeric", report["column_types"]!["zip"]!.GetValue<string>());
        var features = await Features(admin, "users");
        Assert.Contains("u1 age 25", features);
        Assert.Contains("u1 zip 2139", features);
        Assert.Contains("u1 genres=Comedy", features.Select(f => f[..f.LastIndexOf(' ')]));
        Assert.Contains("u1 genres=Drama", features.Select(f => f[..f.LastIndexOf(' ')]));
    }

    [Fact]
    public async Task Bad_rows_refuse_the_file_by_line_and_with_skip_are_left_out_and_reported()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        await admin.Post("/api/v1/datasets", new { id = "users", kind = "features" }, HttpStatusCode.Created);
        const string csv = """
            user_id,age,gender
            u1,25,F
            u2,n/a,M
            ,40,F
            u4,50,M
            """;

        var refused = await admin.Send(HttpMethod.Post, "/api/v1/datasets/users/import?format=csv&mapping=user_id->entity_id&types=age:numeric",
            new StringContent(csv, Encoding.UTF8, "text/csv"), HttpStatusCode.UnprocessableEntity);
        var errors = refused["errors"]!.AsObject();
        Assert.Equal("age 'n/a' is not a number", errors["line 3"]![0]!.GetValue<string>());
        Assert.Equal("entity_id is required", errors["line 4"]![0]!.GetValue<string>());
        Assert.Empty(await Features(admin, "users")); // all or nothing

        var skipped = await Import(admin, "users", csv, "mapping=user_id->entity_id&types=age:numeric&on_error=skip");
        Assert.Equal(2, skipped["skipped"]!.GetValue<long>());
        Assert.Equal(["line 3", "line 4"], skipped["skipped_rows"]!.AsArray().Select(r => r!["at"]!.GetValue<string>()));
        Assert.Equal(["u1 age 25", "u1 gender=F 1", "u4 age 50", "u4 gender=M 1"], (await Features(admin, "users")).Order(StringComparer.Ordinal));

        var badOption = await admin.Send(HttpMethod.Post, "/api/v1/datasets/users/import?format=csv&types=age:integer&buckets=age:30,20",
            new StringContent(csv, Encoding.UTF8, "text/csv"), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(badOption["errors"]!["types"]);
        Assert.NotNull(badOption["errors"]!["buckets"]);
    }

    [Fact]
    public async Task Long_rows_import_from_json_lines_and_samples_can_be_added_one_by_one()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        await admin.Post("/api/v1/datasets", new { id = "items", kind = "features" }, HttpStatusCode.Created);
        var jsonl = "{\"entity_id\":\"i1\",\"feature\":\"genre=Drama\"}\n{\"entity_id\":\"i1\",\"feature\":\"price\",\"value\":12.5}\n{\"entity_id\":\"i2\",\"feature\":\"\"}\n";
        var report = await admin.Send(HttpMethod.Post, "/api/v1/datasets/items/import?format=jsonl&on_error=skip",
            new StringContent(jsonl, Encoding.UTF8, "application/x-ndjson"), HttpStatusCode.OK);
        Assert.Equal(2, report["imported"]!.GetValue<long>());
        Assert.Equal("feature is required", report["skipped_rows"]![0]!["reason"]!.GetValue<string>());

        var added = await admin.Post("/api/v1/datasets/items/samples", new { entity_id = "i2", feature = "genre=Comedy" }, HttpStatusCode.Created);
        Assert.Equal(1, added["added"]!.GetValue<int>());
        var refused = await admin.Post("/api/v1/datasets/items/samples", new { samples = new[] { new { entity_id = "i3" } } }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("feature is required", refused["errors"]!["samples[0]"]![0]!.GetValue<string>());
        Assert.Equal(["i1 genre=Drama 1", "i1 price 12.5", "i2 genre=Comedy 1"], (await Features(admin, "items")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_model_refuses_feature_datasets_that_are_missing_or_of_another_kind_naming_the_field()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        await admin.ImportRatings("ratings");
        await admin.Post("/api/v1/datasets", new { id = "users", kind = "features" }, HttpStatusCode.Created);

        var wrongKind = await admin.Post("/api/v1/models", new { id = "m", algorithm = "als", dataset_id = "ratings", user_features_dataset_id = "ratings" },
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("holds interactions", wrongKind["errors"]!["user_features_dataset_id"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var missing = await admin.Post("/api/v1/models", new { id = "m", algorithm = "als", dataset_id = "ratings", item_features_dataset_id = "nope" },
            HttpStatusCode.NotFound);
        Assert.NotNull(missing["errors"]!["item_features_dataset_id"]);

        var model = await admin.Post("/create_model", new { model_id = "m", algorithm = "als", dataset_id = "ratings", user_features_dataset_id = "users" }, HttpStatusCode.Created);
        Assert.Equal("users", model["model"]!["user_features_dataset_id"]!.GetValue<string>());
        var patched = await admin.Send(HttpMethod.Patch, "/api/v1/models/m", new { item_features_dataset_id = "users" }, HttpStatusCode.OK);
        Assert.Equal("users", patched["item_features_dataset_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_user_features_are_a_400_naming_user_features_on_every_recommend_route()
    {
        await using var node = await ApiNode.StartAsync("sqlite");
        using var admin = await node.AdminAsync();
        await admin.ImportRatings("ratings");
        await admin.Post("/api/v1/models", new { id = "m", algorithm = "popularity", dataset_id = "ratings" }, HttpStatusCode.Created);

        foreach (var path in new[] { "/api/v1/models/m/recommend?user_id=new&user_features=gender", "/recommend?model_id=m&user_id=new&user_features=gender=F,=31" })
        {
            var problem = await node.Anonymous.Get(path, HttpStatusCode.BadRequest);
            Assert.Contains("is not name=value", problem["errors"]!["user_features"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var batch = await node.Anonymous.Post("/api/v1/models/m/recommend/batch", new { user_ids = new[] { "new" }, user_features = "age" }, HttpStatusCode.BadRequest);
        Assert.NotNull(batch["errors"]!["user_features"]);
    }

    private static Task<JsonNode> Import(HttpClient admin, string dataset, string csv, string query) =>
        admin.Send(HttpMethod.Post, $"/api/v1/datasets/{dataset}/import?format=csv&{query}", new StringContent(csv, Encoding.UTF8, "text/csv"), HttpStatusCode.OK);

    private static async Task<List<string>> Features(HttpClient admin, string dataset)
    {
        var page = await admin.Get($"/api/v1/datasets/{dataset}/samples?limit=1000");
        return [.. page["samples"]!.AsArray().Select(s => $"{s!["entity_id"]} {s["feature"]} {s["value"]!.GetValue<float>().ToString(System.Globalization.CultureInfo.InvariantCulture)}")];
    }
}
