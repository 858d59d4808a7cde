using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>Data chefs of every source kind over real HTTP: SQL, a paginated REST API, RabbitMQ, uploads, previews, secrets.</summary>
public sealed class DataChefSourceTests(DataChefServices services) : IClassFixture<DataChefServices>
{
    private const string Mapping = "userId->user_id,productId->item_id,stars->rating";

    private ApiNode Node => services.Node;

    private HttpClient Admin => services.Admin;

    [Fact]
    public async Task A_sql_chef_reading_a_sqlite_file_materializes_a_snapshot_with_its_rows()
    {
        WriteSqliteRatings(Path.Combine(Node.DataDirectory, "sources", "shop.db"), rows: 40);
        var chef = await Admin.Post("/api/v1/datachefs", new
        {
            id = "sql-sqlite", name = "shop db", mapping = Mapping,
            source = new { kind = "sql", provider = "sqlite", connection_string = "Data Source=sources/shop.db", query = "SELECT userId, productId, stars FROM ratings ORDER BY id" },
        }, HttpStatusCode.Created);
        Assert.Equal("sql", chef["source_type"]!.GetValue<string>());

        var done = await services.MaterializedAsync("sql-sqlite");
        Assert.Equal(40, done["last"]!["rows_accepted"]!.GetValue<long>());
        Assert.Equal(1, done["last"]!["rows_rejected"]!.GetValue<long>()); // the row whose stars are 'many'
        var dataset = await Node.Anonymous.Get("/api/v1/datasets/sql-sqlite");
        Assert.Equal(40, dataset["snapshots"]![0]!["rows"]!.GetValue<long>());

        // The seed route takes the same file as a SQLAlchemy URL.
        var seed = await Admin.Post("/create_data_chef_from_sql", new
        {
            name = "shop db, seed", connection_string = "sqlite:///sources/shop.db", query = "SELECT userId, productId, stars FROM ratings", rename_columns = Mapping,
        }, HttpStatusCode.Created);
        Assert.Equal("sqlite", seed["data_chef"]!["source"]!["provider"]!.GetValue<string>());
        var preview = await Admin.Post($"/api/v1/datachefs/{seed["data_chef_id"]!.GetValue<string>()}/preview?n=2", null);
        Assert.Equal(2, preview["rows"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_sql_chef_reading_postgres_materializes_on_a_postgres_node_and_never_shows_its_password()
    {
        await using var node = await ApiNode.StartAsync("postgres");
        using var admin = await node.AdminAsync();
        var source = await TestDatabases.CreatePostgresAsync();
        try
        {
            await using (var connection = new NpgsqlConnection(source))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(
                    "CREATE TABLE events (who text, what text, score real); INSERT INTO events SELECT 'pg-u' || (g % 7), 'pg-i' || g, 1 + g % 5 FROM generate_series(1, 25) g;", connection);
                await command.ExecuteNonQueryAsync();
            }

            // The seed's SQLAlchemy-style URL. The test server trusts 127.0.0.1, so the password is never checked; it stands for a real one.
            var pg = new NpgsqlConnectionStringBuilder(source);
            var url = $"postgresql+psycopg2://{pg.Username}:pg-Secret-81x@{pg.Host}:{pg.Port}/{pg.Database}";
            var created = await admin.Post("/create_data_chef_from_sql", new
            {
                name = "events", data_chef_id = "pg-chef", connection_string = url, query = "SELECT who, what, score FROM events",
                rename_columns = "who->user_id,what->item_id,score->rating",
            }, HttpStatusCode.Created);
            Assert.DoesNotContain("pg-Secret-81x", created.ToJsonString());

            await admin.Post("/api/v1/datachefs/pg-chef/materialize", null, HttpStatusCode.Accepted);
            var done = await Eventually.Until(() => node.Anonymous.Get("/api/v1/datachefs/pg-chef"), c => c["last"] is JsonObject && c["running_job"] is null,
                TimeSpan.FromSeconds(60), "the postgres materialization");
            Assert.Equal("completed", done["last"]!["status"]!.GetValue<string>());
            Assert.Equal(25, (await node.Anonymous.Get("/api/v1/datasets/pg-chef"))["snapshots"]![0]!["rows"]!.GetValue<long>());
            foreach (var path in new[] { "/api/v1/datachefs", "/api/v1/datachefs/pg-chef", "/list_data_chefs", "/get_data_chef/pg-chef" })
                Assert.DoesNotContain("pg-Secret-81x", await RawAsync(node.Anonymous, path));

            // The GET body sent back through the seed edit route keeps the password behind its '***'.
            var body = (await node.Anonymous.Get("/get_data_chef/pg-chef")).AsObject();
            Assert.Contains("password=***", body["source"]!["connection_string"]!.GetValue<string>());
            body["source"]!["query"] = "SELECT who, what, score FROM events WHERE score >= 3";
            var edited = await admin.Send(HttpMethod.Put, "/edit_data_chef/pg-chef", body.ToJsonString(), HttpStatusCode.OK);
            Assert.DoesNotContain("pg-Secret-81x", edited.ToJsonString());
            var stored = await DataChefServices.StoredAsync(node, "pg-chef");
            Assert.Contains("password=pg-Secret-81x", stored.Source["connection_string"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
            Assert.EndsWith("score >= 3", stored.Source["query"]!.GetValue<string>());
        }
        finally
        {
            await TestDatabases.DropPostgresAsync(source);
        }
    }

    [Fact]
    public async Task A_rest_chef_from_the_seed_route_reads_every_page_and_keeps_its_secrets_through_a_get_put_round_trip()
    {
        var created = await Admin.Post("/create_data_chef_from_api", new
        {
            name = "ratings api", data_chef_id = "rest-chef", api_endpoint = services.ApiBase + "/ratings", paginated = true,
            pagination_param = "page", size_param = "size", size_value = "4", data_path = "data.items",
            headers = """{"X-Api-Key": "key-7f2e55a0"}""", bearer_token = DataChefServices.Token, rename_columns = Mapping,
        }, HttpStatusCode.Created);
        Assert.Equal("api", created["data_chef"]!["source_type"]!.GetValue<string>());

        var done = await services.MaterializedAsync("rest-chef");
        Assert.Equal(DataChefServices.ApiRows, done["last"]!["rows_accepted"]!.GetValue<long>());
        Assert.True(services.ApiHits.GetValueOrDefault("/ratings?size=4&page=2") >= 2, "page 2 answered 503 once and was retried: " + string.Join(", ", services.ApiHits));

        var grainTypes = (await Admin.Get("/api/v1/grains")).AsArray().Select(t => t!["type"]!.GetValue<string>());
        var chefType = Assert.Single(grainTypes, t => t.Contains("chef", StringComparison.OrdinalIgnoreCase));
        foreach (var path in new[] { "/api/v1/datachefs", "/api/v1/datachefs/rest-chef", "/list_data_chefs", "/api/v1/get_data_chef/rest-chef", $"/api/v1/grains/{chefType}/rest-chef" })
        {
            var raw = await RawAsync(path.StartsWith("/api/v1/grains", StringComparison.Ordinal) ? Admin : Node.Anonymous, path);
            Assert.DoesNotContain(DataChefServices.Token, raw);
            Assert.DoesNotContain(DataChefServices.ApiKey, raw);
        }

        // Send back exactly what GET gave (secrets as '***') with a new mapping: the stored secrets stay.
        var body = (await Node.Anonymous.Get("/api/v1/datachefs/rest-chef")).AsObject();
        Assert.Equal("***", body["source"]!["bearer_token"]!.GetValue<string>());
        body["mapping"] = "userId->user_id,productId->item_id";
        var updated = await Admin.Send(HttpMethod.Put, "/api/v1/datachefs/rest-chef", body.ToJsonString(), HttpStatusCode.OK);
        Assert.Equal("userId->user_id,productId->item_id", updated["mapping"]!.GetValue<string>());
        var stored = await services.StoredAsync("rest-chef");
        Assert.Equal(DataChefServices.Token, stored.Source["bearer_token"]!.GetValue<string>());
        Assert.Equal(DataChefServices.ApiKey, stored.Source["headers"]!["X-Api-Key"]!.GetValue<string>());

        // A seed edit naming only the page size keeps everything else; the API still lets it in.
        await Admin.Send(HttpMethod.Put, "/edit_data_chef/rest-chef", """{"size_value": 3}""", HttpStatusCode.OK);
        var preview = await Admin.Post("/api/v1/datachefs/rest-chef/preview?n=5", null);
        Assert.Equal(5, preview["rows"]!.AsArray().Count);
        Assert.Equal(1.0, preview["rows"]![0]!["rating"]!.GetValue<double>()); // stars no longer mapped: the default
        Assert.Equal(3, (await services.StoredAsync("rest-chef")).Source["size_value"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_rabbitmq_chef_from_the_seed_route_previews_without_consuming_and_materializes_published_messages()
    {
        var queue = await services.NewQueueAsync();
        for (var m = 0; m < 6; m++)
        {
            var records = m == 5 ? """[{"userId":"mq-u5","productId":"mq-i5","stars":2},{"userId":"mq-u6","productId":"mq-i6","stars":4}]"""
                : $$"""{"userId":"mq-u{{m}}","productId":"mq-i{{m}}","stars":{{m + 1}}}""";
            await services.PublishAsync(queue, records, $"msg-{m}");
        }

        var broker = new Uri(DataChefServices.AmqpUri);
        var password = Uri.UnescapeDataString(broker.UserInfo.Split(':')[1]);
        var created = await Admin.Post("/create_data_chef_from_message_queue", new
        {
            name = "events queue", data_chef_id = "mq-chef", queue_type = "rabbitmq", host = broker.Host, port = broker.Port,
            username = Uri.UnescapeDataString(broker.UserInfo.Split(':')[0]), password, queue, rename_columns = Mapping,
        }, HttpStatusCode.Created);
        Assert.DoesNotContain($":{password}@", created.ToJsonString());
        Assert.Contains("amqp://***@", created["data_chef"]!["source"]!["uri"]!.GetValue<string>());

        var preview = await Admin.Post("/api/v1/datachefs/mq-chef/preview?n=3", null);
        Assert.Equal(3, preview["rows"]!.AsArray().Count);
        Assert.Equal("mq-u0", preview["rows"]![0]!["user_id"]!.GetValue<string>());
        await Eventually.Until(() => services.CountAsync(queue), count => count == 6, TimeSpan.FromSeconds(10), "the previewed messages back on the queue");

        var done = await services.MaterializedAsync("mq-chef");
        Assert.Equal(7, done["last"]!["rows_accepted"]!.GetValue<long>());
        Assert.Equal(0u, await services.CountAsync(queue));
        foreach (var path in new[] { "/api/v1/datachefs/mq-chef", "/list_data_chefs", "/get_data_chef/mq-chef" })
            Assert.DoesNotContain($":{password}@", await RawAsync(Node.Anonymous, path));

        // A GET/PUT round trip keeps the broker password: the next materialization still logs in.
        var body = (await Node.Anonymous.Get("/api/v1/datachefs/mq-chef")).AsObject();
        body["name"] = "events queue, renamed";
        await Admin.Send(HttpMethod.Put, "/api/v1/datachefs/mq-chef", body.ToJsonString(), HttpStatusCode.OK);
        await services.PublishAsync(queue, """{"userId":"mq-u9","productId":"mq-i9","stars":5}""", "msg-9");
        var again = await services.MaterializedAsync("mq-chef");
        Assert.Equal("events queue, renamed", again["name"]!.GetValue<string>());
        Assert.Equal(1, again["last"]!["rows_accepted"]!.GetValue<long>());
        Assert.Equal(2, again["last"]!["snapshot"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_placeholder_with_no_stored_secret_behind_it_is_refused_and_a_slow_preview_times_out()
    {
        await Admin.Post("/api/v1/datachefs", new { id = "slow-chef", source = new { kind = "rest", url = services.ApiBase + "/slow" } }, HttpStatusCode.Created);
        var refused = await Admin.Send(HttpMethod.Put, "/api/v1/datachefs/slow-chef",
            new { source = new { kind = "rest", url = services.ApiBase + "/slow", bearer_token = "***" } }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("placeholder", refused["errors"]!["source.bearer_token"]![0]!.GetValue<string>());
        Assert.Null((await services.StoredAsync("slow-chef")).Source["bearer_token"]);

        var timedOut = await Admin.Post("/api/v1/datachefs/slow-chef/preview?n=3&timeout_seconds=1", null, HttpStatusCode.GatewayTimeout);
        Assert.Equal(504, timedOut["status"]!.GetValue<int>());
        Assert.Contains("within timeout_seconds=1", timedOut["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_uploaded_csv_feeds_a_chef_and_a_preview_shows_the_first_mapped_rows_and_columns()
    {
        var csv = new StringBuilder("\uFEFFuserId,productId,stars\r\n");
        for (var i = 0; i < 30; i++) csv.Append($"up-u{i % 6},up-i{i},{(i % 5) + 1}\r\n");
        csv.Append("up-u1,,3\r\n");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "my ratings (v2).csv");
        var upload = await Admin.Send(HttpMethod.Post, "/api/v1/datachefs/uploads", form, HttpStatusCode.Created);
        var uploadId = upload["upload_id"]!.GetValue<string>();
        Assert.EndsWith("-my_ratings__v2_.csv", uploadId);
        Assert.True(File.Exists(Path.Combine(Node.DataDirectory, upload["path"]!.GetValue<string>())));

        // An unsaved definition previews without being stored.
        var before = await services.ChefIdsAsync();
        var unsaved = await Admin.Post("/api/v1/datachefs/preview?n=4", new { mapping = Mapping, source = new { kind = "csv", upload_id = uploadId } });
        Assert.Equal(4, unsaved["rows"]!.AsArray().Count);
        Assert.Equal(before, await services.ChefIdsAsync());

        await Admin.Post("/api/v1/datachefs", new { id = "upload-chef", mapping = Mapping, source = new { kind = "csv", upload_id = uploadId } }, HttpStatusCode.Created);
        var preview = await Admin.Post("/api/v1/datachefs/upload-chef/preview?n=5", null);
        var rows = preview["rows"]!.AsArray();
        Assert.Equal(5, rows.Count);
        Assert.Equal(new[] { "up-i0", "up-i1", "up-i2", "up-i3", "up-i4" }, rows.Select(r => r!["item_id"]!.GetValue<string>()));
        Assert.Equal(3.0, rows[2]!["rating"]!.GetValue<double>());
        var columns = preview["columns"]!.AsArray();
        Assert.Equal(new[] { "userId", "productId", "stars" }, columns.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("rating", columns[2]!["mapped_to"]!.GetValue<string>());
        Assert.Equal(5, preview["report"]!["rows_read"]!.GetValue<long>());

        var done = await services.MaterializedAsync("upload-chef");
        Assert.Equal(30, done["last"]!["rows_accepted"]!.GetValue<long>());
        Assert.Equal(1, done["last"]!["rows_rejected"]!.GetValue<long>());

        // The same file by its path, through the seed CSV route.
        var seed = await Admin.Post("/create_data_chef_from_csv", new { name = "by path", file_path = upload["path"]!.GetValue<string>(), rename_columns = Mapping }, HttpStatusCode.Created);
        Assert.Equal("csv", seed["data_chef"]!["source"]!["kind"]!.GetValue<string>());

        // A seed edit naming the path replaces the upload id rather than holding both.
        await Admin.Send(HttpMethod.Put, "/edit_data_chef/upload-chef", new { file_path = upload["path"]!.GetValue<string>() }, HttpStatusCode.OK);
        var stored = await services.StoredAsync("upload-chef");
        Assert.Equal(upload["path"]!.GetValue<string>(), stored.Source["path"]!.GetValue<string>());
        Assert.Null(stored.Source["upload_id"]);
        Assert.Equal(Mapping, stored.Mapping);
    }

    private static async Task<string> RawAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static void WriteSqliteRatings(string path, int rows)
    {
        using var connection = new SqliteConnection("Data Source=" + path + ";Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        var sql = new StringBuilder("CREATE TABLE ratings (id INTEGER PRIMARY KEY, userId TEXT, productId TEXT, stars TEXT);");
        for (var i = 0; i < rows; i++) sql.Append($"INSERT INTO ratings (userId, productId, stars) VALUES ('sql-u{i % 9}', 'sql-i{i}', '{(i % 5) + 1}');");
        sql.Append("INSERT INTO ratings (userId, productId, stars) VALUES ('sql-u1', 'sql-i99', 'many');");
        command.CommandText = sql.ToString();
        command.ExecuteNonQuery();
    }
}
