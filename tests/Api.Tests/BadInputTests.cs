using System.Net;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>Every route refuses bad input with problem details naming the field, and writes nothing.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private ApiNode _node = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _node = await ApiNode.StartAsync("sqlite");
        _admin = await _node.AdminAsync();
        await _admin.ImportRatings("ratings");
        await _admin.Post("/api/v1/datasets", new { id = "texts", kind = "text-pairs" }, HttpStatusCode.Created);
        await _admin.Post("/api/v1/models", new { id = "m", algorithm = "popularity", dataset_id = "ratings" }, HttpStatusCode.Created);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _node.DisposeAsync();
    }

    public static TheoryData<string, string, string?, int, string?> Cases => new()
    {
        { "POST", "/api/v1/auth/login", """{"username":""}""", 422, "username" },
        { "POST", "/api/v1/datachefs", """{"id":"uploads","dataset_id":"ratings","source":{"type":"csv","upload_id":"up-x"}}""", 422, "id" },
        { "POST", "/api/v1/datasets", """{"id":"x","kind":"pictures"}""", 422, "kind" },
        { "POST", "/api/v1/datasets", """{"id":"has space","kind":"interactions"}""", 422, "id" },
        { "POST", "/api/v1/datasets", """{"id":"ratings","kind":"text-pairs"}""", 409, null },
        { "POST", "/api/v1/datasets", "not json", 400, null },
        { "GET", "/api/v1/datasets/nope", null, 404, null },
        { "POST", "/api/v1/datasets/ratings/samples", """{"samples":[{"user_id":"u","item_id":"i"},{"user_id":"u"}]}""", 422, "samples[1]" },
        { "POST", "/api/v1/datasets/ratings/samples", """{"user_id":"u","item_id":"i","rating":"x"}""", 400, null },
        { "POST", "/api/v1/datasets/texts/samples", """{"document":"only a document"}""", 422, "sample" },
        { "POST", "/api/v1/datasets/ratings/import?format=xml", "a,b", 422, "format" },
        { "POST", "/api/v1/datasets/nope/snapshots", null, 404, null },
        { "POST", "/api/v1/models", """{"id":"m2"}""", 422, "algorithm" },
        { "POST", "/api/v1/models", """{"id":"m2","algorithm":"magic"}""", 422, "algorithm" },
        { "POST", "/api/v1/models", """{"id":"m2","algorithm":"svd","hyperparameters":{"factors":-3}}""", 422, "hyperparameters.factors" },
        { "POST", "/api/v1/models", """{"id":"m2","algorithm":"svd","hyperparameters":{"colour":"red"}}""", 422, "hyperparameters.colour" },
        { "POST", "/api/v1/models", """{"id":"m2","algorithm":"svd","dataset_id":"texts"}""", 422, "dataset_id" },
        { "POST", "/api/v1/models", """{"id":"m","algorithm":"svd"}""", 409, null },
        { "GET", "/api/v1/models/nope", null, 404, null },
        { "POST", "/api/v1/models/m/versions", """{"version":"bad/name"}""", 422, "version" },
        { "POST", "/api/v1/models/m/versions", """{"dataset_id":"nope"}""", 404, null },
        { "POST", "/api/v1/models/m/versions", """{"snapshot":42}""", 422, "snapshot" },
        { "POST", "/api/v1/models/m/versions", """{"hyperparameters":{"damping":-1}}""", 422, "hyperparameters.damping" },
        { "GET", "/api/v1/models/m/versions/v9", null, 404, null },
        { "POST", "/api/v1/models/m/registry/activate", "{}", 422, "version" },
        { "POST", "/api/v1/models/m/registry/activate", """{"version":"v9"}""", 404, null },
        { "GET", "/api/v1/models/m/compare?versions=v1", null, 422, "versions" },
        { "GET", "/api/v1/models/m/recommend?n=3", null, 422, "user_id" },
        { "GET", "/api/v1/models/m/recommend?user_id=u1&n=0", null, 422, "n" },
        { "GET", "/api/v1/models/m/recommend?user_id=u1", null, 409, null },
        { "POST", "/api/v1/tasks", """{"name":"t","model_id":"m"}""", 422, "interval" },
        { "POST", "/api/v1/tasks", """{"name":"t","model_id":"m","interval":0}""", 422, "interval" },
        { "POST", "/api/v1/tasks", """{"name":"t","model_id":"m","cron":"every day"}""", 422, "cron" },
        { "POST", "/api/v1/tasks", """{"name":"t","model_id":"nope","interval":5}""", 404, null },
        { "PATCH", "/api/v1/tasks/nope", """{"interval":5}""", 404, null },
        { "POST", "/api/v1/tasks/nope/run", null, 404, null },
        { "GET", "/api/v1/jobs?status=sleeping", null, 422, "status" },
        { "POST", "/api/v1/datachefs", """{"name":"c"}""", 422, "file_path" },
        { "POST", "/api/v1/datachefs", """{"name":"c","file_path":"/etc/passwd"}""", 422, "file_path" },
        { "POST", "/model/train", """{"dataset_id":"ratings"}""", 422, "model_id" },
        { "GET", "/model/status/no-slash", null, 422, "id" },
        { "POST", "/create_model", """{"model_name":"x"}""", 422, "algorithm" },
        { "GET", "/get_model_info", null, 422, "model_id" },
        { "POST", "/add_model_task", """{"model_id":"m","interval":"soon"}""", 422, "interval" },
        { "POST", "/update_task_interval", """{"task_name":"nope","interval":5}""", 404, null },
        { "GET", "/recommend?model_id=m", null, 422, "user_id" },

        // A lone UTF-16 surrogate in a raw JSON body is unreadable text: 400 naming where it is, not a 500.
        { "POST", "/create_model", """{"model_name":"x\ud800","algorithm":"popularity"}""", 400, "model_name" },
        { "POST", "/create_model", """{"algorithm":"popularity","hyperparameters":{"factors":["\udc00"]}}""", 400, "hyperparameters.factors[0]" },
        { "POST", "/create_data_chef_from_csv", """{"name":"c\ud800","file_path":"a.csv"}""", 400, "name" },
        { "POST", "/create_data_chef_from_sql", """{"name":"c","connection_string":"Data Source=a.db","query":"select '\ud800'"}""", 400, "query" },
        { "POST", "/api/v1/datachefs", """{"name":"c","source":{"kind":"csv","path":"a\ud800.csv"}}""", 400, "source.path" },
        { "POST", "/api/v1/models", """{"id":"m3","algorithm":"popularity","description":"\ud800"}""", 400, "description" },
        { "POST", "/api/v1/datasets/ratings/samples", """{"user_id":"u","item_id":"i","rating":"x"}""", 400, "rating" },

        // A NUL means nothing in any text and PostgreSQL cannot store it: refused in bodies and queries alike.
        { "POST", "/api/v1/datasets/ratings/samples", """{"user_id":"a\u0000b","item_id":"i"}""", 400, "user_id" },
        { "POST", "/create_model", """{"algorithm":"popularity","description":"a\u0000b"}""", 400, "description" },
        { "GET", "/api/v1/grains/DataChef?prefix=%00", null, 400, "prefix" },

        // An empty id is a missing one, wherever it is given.
        { "GET", "/get_model_info?model_id=", null, 422, "model_id" },
        { "GET", "/model/active?model_id=", null, 422, "model_id" },
        { "GET", "/model/list?model_id=", null, 422, "model_id" },
        { "DELETE", "/delete_model?model_id=", null, 422, "model_id" },
        { "DELETE", "/delete_data_chef?data_chef_id=", null, 422, "data_chef_id" },
        { "POST", "/api/v1/summarize", """{"model_id":"","text":"Some text."}""", 422, "model_id" },
        { "GET", "/model/status/%20/v1", null, 422, "id" },

        // Every id a request names follows the id rule and names something that exists.
        { "POST", "/api/v1/tasks", """{"name":"t","model_id":"m","dataset_id":"../../etc/passwd","interval":5}""", 422, "dataset_id" },
        { "POST", "/api/v1/tasks", """{"name":"t","model_id":"m","dataset_id":"nope","interval":5}""", 404, "dataset_id" },
        { "POST", "/api/v1/tasks", """{"name":"t","model_id":"m","data_chef_id":"a\u202eb","interval":5}""", 422, "data_chef_id" },
        { "POST", "/api/v1/tasks", """{"name":"t","model_id":"m","data_chef_id":"nope","interval":5}""", 404, "data_chef_id" },
        { "POST", "/add_model_task", """{"model_id":"m","dataset_id":"a\u0000b","interval":5}""", 400, "dataset_id" },
        { "POST", "/add_model_task", """{"model_id":"m","dataset_id":"a\u200fb","interval":5}""", 422, "dataset_id" },
        { "POST", "/add_model_task", """{"model_id":"m","dataset_id":"nope","interval":5}""", 404, "dataset_id" },
        { "POST", "/add_model_task", """{"model_id":"nope","interval":5}""", 404, "model_id" },
        { "POST", "/model/train", """{"model_id":"m","dataset_id":"nope"}""", 404, "dataset_id" },
        { "POST", "/api/v1/models/m/versions", """{"base_version":"../v1"}""", 422, "base_version" },
        { "GET", "/api/v1/models/m/recommend?user_id=u1&version=..%2F..%2Fx", null, 422, "version" },
        { "GET", "/api/v1/models/m/compare?versions=v1,..%2Fx", null, 422, "versions" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_a_problem_detail_naming_the_field(string method, string path, string? body, int status, string? field)
    {
        var answer = await _admin.Send(new HttpMethod(method), path, body, (HttpStatusCode)status);
        Assert.Equal(status, answer["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(answer["title"]?.GetValue<string>()));
        if (field is not null) Assert.True(answer["errors"]?.AsObject().ContainsKey(field) == true, $"errors should name '{field}': {answer}");
    }

    [Fact]
    public async Task A_multipart_body_without_a_boundary_is_a_400_naming_the_body_and_imports_nothing()
    {
        foreach (var path in new[] { "/api/v1/datasets/ratings/import", "/api/v1/datachefs/uploads" })
        {
            var content = new StringContent("user_id,item_id\nu1,i1\n");
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("multipart/form-data");
            var answer = await _admin.Send(HttpMethod.Post, path, content, HttpStatusCode.BadRequest);
            Assert.True(answer["errors"]?.AsObject().ContainsKey("body") == true, answer.ToJsonString());
        }

        var broken = new StringContent("--xx\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nu1,i1");
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xx");
        var truncated = await _admin.Send(HttpMethod.Post, "/api/v1/datasets/ratings/import", broken, HttpStatusCode.BadRequest);
        Assert.True(truncated["errors"]?.AsObject().ContainsKey("file") == true, truncated.ToJsonString());
        Assert.Equal(720, (await _node.Anonymous.Get("/api/v1/datasets/ratings"))["sample_count"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_imported_row_holding_a_NUL_is_a_bad_row_and_the_file_imports_nothing()
    {
        var csv = new StringContent("user_id,item_id\nu1,i1\nu\0x,i2\n", System.Text.Encoding.UTF8, "text/csv");
        var refused = await _admin.Send(HttpMethod.Post, "/api/v1/datasets/ratings/import?format=csv", csv, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("NUL", refused["errors"]!["line 3"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(720, (await _node.Anonymous.Get("/api/v1/datasets/ratings"))["sample_count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Comparing_a_version_with_itself_is_a_422_naming_versions()
    {
        await _admin.Post("/api/v1/models/m/versions", new { version = "v1" }, HttpStatusCode.Accepted);
        await _admin.WaitForVersion("m", "v1");

        var answer = await _node.Anonymous.Get("/api/v1/models/m/compare?versions=v1,v1", HttpStatusCode.UnprocessableEntity);
        Assert.Contains("once", answer["errors"]!["versions"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_data_chef_edit_is_a_400_naming_the_field_and_changes_nothing()
    {
        Directory.CreateDirectory(Path.Combine(_node.DataDirectory, "sources"));
        File.WriteAllText(Path.Combine(_node.DataDirectory, "sources", "shop.csv"), "user_id,item_id,rating\nu1,i1,5\n");
        await _admin.Post("/create_data_chef_from_csv", new { name = "shop", data_chef_id = "shop", file_path = "sources/shop.csv" }, HttpStatusCode.Created);
        var before = (await _node.Anonymous.Get("/api/v1/datachefs/shop")).ToJsonString();

        foreach (var (method, path) in new[] { ("PUT", "/edit_data_chef/shop"), ("PUT", "/api/v1/datachefs/shop") })
        {
            var answer = await _admin.Send(new HttpMethod(method), path, """{"name":"new\ud800name","file_path":"shop.csv"}""", HttpStatusCode.BadRequest);
            Assert.True(answer["errors"]?.AsObject().ContainsKey("name") == true, answer.ToJsonString());
        }

        Assert.Equal(before, (await _node.Anonymous.Get("/api/v1/datachefs/shop")).ToJsonString());
    }

    [Fact]
    public async Task A_task_naming_a_missing_dataset_or_a_bad_id_is_refused_and_not_stored()
    {
        var huge = new string('d', 1 << 20);
        await _admin.Post("/api/v1/tasks", new { name = "t1", model_id = "m", dataset_id = huge, interval = 60 }, HttpStatusCode.UnprocessableEntity);
        await _admin.Post("/add_model_task", new { task_name = "t2", model_id = "m", dataset_id = "nope", interval = 60 }, HttpStatusCode.NotFound);
        await _admin.Post("/add_model_task", new { task_name = "t3", model_id = "m", data_chef_id = "../../etc/passwd", interval = 60 }, HttpStatusCode.UnprocessableEntity);

        Assert.Empty((await _node.Anonymous.Get("/api/v1/tasks")).AsArray());
        var created = await _admin.Post("/api/v1/tasks", new { name = "t4", model_id = "m", dataset_id = "ratings", interval = 60 }, HttpStatusCode.Created);
        Assert.Equal("ratings", created["dataset_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refused_request_writes_nothing()
    {
        await _admin.Post("/api/v1/models", new { id = "half", algorithm = "svd", hyperparameters = new { factors = 0 } }, HttpStatusCode.UnprocessableEntity);
        await _node.Anonymous.Get("/api/v1/models/half", HttpStatusCode.NotFound);

        var before = (await _node.Anonymous.Get("/api/v1/datasets/ratings"))["sample_count"]!.GetValue<long>();
        var csv = new StringContent("user_id,item_id,rating\nu1,i1,5\nu2,,4\nu3,i3,x\n", System.Text.Encoding.UTF8, "text/csv");
        var refused = await _admin.Send(HttpMethod.Post, "/api/v1/datasets/ratings/import?format=csv", csv, HttpStatusCode.UnprocessableEntity);
        Assert.True(refused["errors"]!.AsObject().ContainsKey("line 3"));
        Assert.True(refused["errors"]!.AsObject().ContainsKey("line 4"));
        Assert.Equal(before, (await _node.Anonymous.Get("/api/v1/datasets/ratings"))["sample_count"]!.GetValue<long>());

        await _admin.Post("/api/v1/tasks", new { name = "half", model_id = "m", interval = -1 }, HttpStatusCode.UnprocessableEntity);
        await _node.Anonymous.Get("/api/v1/tasks/half", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_import_told_to_skip_bad_rows_keeps_the_good_ones_and_reports_each_skipped_line()
    {
        await _admin.Post("/api/v1/datasets", new { id = "pairs-skip", kind = "text-pairs" }, HttpStatusCode.Created);
        var jsonl = "{\"document\":\"A long text.\",\"summary\":\"Short.\"}\n\n{\"document\":\"\",\"summary\":\"No text.\"}\n{\"document\":\"More text.\",\"summary\":\"More.\"}\n";

        var refused = await _admin.Send(HttpMethod.Post, "/api/v1/datasets/pairs-skip/import?format=jsonl", new StringContent(jsonl), HttpStatusCode.UnprocessableEntity);
        Assert.True(refused["errors"]!.AsObject().ContainsKey("line 3"), refused.ToJsonString()); // file lines, the blank one counted
        var skipped = await _admin.Send(HttpMethod.Post, "/api/v1/datasets/pairs-skip/import?format=jsonl&on_error=skip", new StringContent(jsonl), HttpStatusCode.OK);

        Assert.Equal(2, skipped["imported"]!.GetValue<int>());
        Assert.Equal(1, skipped["skipped"]!.GetValue<int>());
        Assert.Equal("line 3", skipped["skipped_rows"]![0]!["at"]!.GetValue<string>());
        Assert.Equal(2, (await _node.Anonymous.Get("/api/v1/datasets/pairs-skip"))["sample_count"]!.GetValue<long>());
        await _admin.Send(HttpMethod.Post, "/api/v1/datasets/pairs-skip/import?format=jsonl&on_error=maybe", new StringContent(jsonl), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Writes_without_a_token_are_401_and_reads_are_open()
    {
        foreach (var (method, path) in new[] { ("POST", "/api/v1/datasets"), ("POST", "/api/v1/models"), ("POST", "/api/v1/models/m/versions"),
                     ("POST", "/api/v1/models/m/registry/activate"), ("DELETE", "/api/v1/models/m"), ("POST", "/create_model"), ("POST", "/stop_scheduler") })
        {
            var answer = await _node.Anonymous.Send(new HttpMethod(method), path, "{}", HttpStatusCode.Unauthorized);
            Assert.Equal(401, answer["status"]!.GetValue<int>());
        }

        using var forged = new HttpClient { BaseAddress = _node.Address };
        forged.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "eyJzdWIiOiJhZG1pbiIsImV4cCI6OTk5OTk5OTk5OX0.AAAA");
        await forged.Post("/api/v1/datasets", new { id = "x", kind = "interactions" }, HttpStatusCode.Unauthorized);
        await _node.Anonymous.Post("/api/v1/auth/login", new { username = "admin", password = "wrong" }, HttpStatusCode.Unauthorized);
        Assert.NotEmpty((await _node.Anonymous.Get("/api/v1/models")).AsArray());
    }

    [Fact]
    public async Task An_admin_adds_another_admin_who_can_log_in()
    {
        await _node.Anonymous.Post("/api/v1/auth/accounts", new { username = "second", password = "long enough secret" }, HttpStatusCode.Unauthorized);
        await _admin.Post("/api/v1/auth/accounts", new { username = "second", password = "short" }, HttpStatusCode.UnprocessableEntity);
        await _admin.Post("/api/v1/auth/accounts", new { username = "second", password = "long enough secret" }, HttpStatusCode.Created);
        var login = await _node.Anonymous.Post("/api/v1/auth/login", new { username = "second", password = "long enough secret" });
        Assert.Equal("bearer", login["token_type"]!.GetValue<string>());
        var accounts = await _admin.Get("/api/v1/auth/accounts");
        Assert.Contains(accounts.AsArray(), a => a!["username"]!.GetValue<string>() == "second");
        Assert.DoesNotContain("hash", accounts.ToJsonString(), StringComparison.Ordinal);
    }
}
