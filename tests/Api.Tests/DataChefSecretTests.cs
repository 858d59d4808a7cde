using System.Net;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>
/// No secret a data chef holds leaves through any route or view, with or without a token, whatever
/// its key is called; and a client can send a GET body back as an edit without losing them.
/// Every secret below carries the marker <c>S3CRET</c>, so one search finds any of them.
/// </summary>
public sealed class DataChefSecretTests(DataChefSecurityServices services) : IClassFixture<DataChefSecurityServices>
{
    private const string Marker = "S3CRET";
    private const string RestUrl = "https://bob:url-pw-S3CRET@api.example.com:8443/v1/ratings?sig=sig-S3CRET&pass=pass-S3CRET&page=1";

    private ApiNode Node => services.Node;

    private HttpClient Admin => services.Admin;

    private static string Pg(string extra) =>
        new NpgsqlConnectionStringBuilder(TestDatabases.PostgresAdmin) { Database = "postgres" }.ConnectionString + ";" + extra;

    [Fact]
    public async Task Secrets_of_every_kind_are_absent_from_every_route_and_view_with_and_without_a_token()
    {
        var created = new List<string>
        {
            (await Admin.Post("/api/v1/datachefs", new
            {
                id = "sec-psw", source = new { kind = "sql", provider = "postgresql", connection_string = Pg("PSW=psw-S3CRET"), query = "SELECT 1 AS user_id, 2 AS item_id" },
            }, HttpStatusCode.Created)).ToJsonString(),
            (await Admin.Post("/api/v1/datachefs", new
            {
                id = "sec-password", source = new { kind = "sql", provider = "postgresql", connection_string = Pg("Password=password-S3CRET;Options=-c statement_timeout=opt-S3CRET"), query = "SELECT 1 AS user_id, 2 AS item_id" },
            }, HttpStatusCode.Created)).ToJsonString(),
            (await Admin.Post("/api/v1/datachefs", new
            {
                id = "sec-rest",
                source = new { kind = "rest", url = RestUrl, bearer_token = "tok-S3CRET", headers = new Dictionary<string, string> { ["X-Api-Key"] = "hdr-S3CRET", ["Accept"] = "application/json" } },
            }, HttpStatusCode.Created)).ToJsonString(),
            (await Admin.Post("/create_data_chef_from_api", new
            {
                data_chef_id = "sec-seed", api_endpoint = RestUrl, headers = """{"X-Api-Key": "seed-hdr-S3CRET"}""", token = "seed-tok-S3CRET",
            }, HttpStatusCode.Created)).ToJsonString(),
        };
        foreach (var body in created) Assert.DoesNotContain(Marker, body, StringComparison.Ordinal);
        Assert.Contains("psw-S3CRET", (await DataChefServices.StoredAsync(Node, "sec-psw")).Source.ToJsonString(), StringComparison.Ordinal);

        // A materialization whose driver error quotes a secret (PostgreSQL echoes the bad option value) fills the jobs view and the chef's last error.
        await Admin.Post("/api/v1/datachefs/sec-password/materialize", null, HttpStatusCode.Accepted);
        var failed = await Eventually.Until(() => Admin.Get("/api/v1/datachefs/sec-password"), c => c["last"] is JsonObject && c["running_job"] is null,
            TimeSpan.FromSeconds(60), "the failing materialization");
        Assert.Equal("failed", failed["last"]!["status"]!.GetValue<string>());

        var chefType = (await Admin.Get("/api/v1/grains")).AsArray().Select(t => t!["type"]!.GetValue<string>())
            .Single(t => t.Contains("datachef", StringComparison.OrdinalIgnoreCase));
        var routes = new List<string> { "/api/v1/datachefs", "/list_data_chefs", "/api/v1/list_data_chefs", "/api/v1/jobs", $"/api/v1/grains/{chefType}" };
        foreach (var id in new[] { "sec-psw", "sec-password", "sec-rest", "sec-seed" })
            routes.AddRange([$"/api/v1/datachefs/{id}", $"/get_data_chef/{id}", $"/api/v1/get_data_chef/{id}", $"/api/v1/grains/{chefType}/{id}"]);

        foreach (var client in new[] { Admin, Node.Anonymous })
        {
            foreach (var route in routes)
            {
                var body = await DataChefSecurityServices.BodyOf(client, route);
                Assert.False(body.Contains(Marker, StringComparison.Ordinal), $"{route} shows a secret: {body}");
            }
        }

        // Redaction keeps what is known to be harmless readable.
        var rest = await Admin.Get("/api/v1/datachefs/sec-rest");
        Assert.Equal("https://***@api.example.com:8443/v1/ratings?sig=***&pass=***&page=***", rest["source"]!["url"]!.GetValue<string>());
        Assert.Equal("application/json", rest["source"]!["headers"]!["Accept"]!.GetValue<string>());
        var sql = (await Admin.Get("/api/v1/datachefs/sec-psw"))["source"]!["connection_string"]!.GetValue<string>();
        Assert.Contains("host=127.0.0.1", sql, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("***", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_files_hold_no_secret_in_clear_and_the_key_that_seals_them_is_owner_only()
    {
        await Admin.Post("/api/v1/datachefs", new
        {
            id = "on-disk", source = new { kind = "sql", provider = "postgresql", connection_string = Pg("Password=disk-S3CRET;Options=-c statement_timeout=disk-opt-S3CRET"), query = "SELECT 1" },
        }, HttpStatusCode.Created);
        await Admin.Post("/api/v1/datachefs", new
        {
            id = "on-disk-rest", source = new { kind = "rest", url = "https://api.example.com/r?sig=disk-sig-S3CRET", headers = new Dictionary<string, string> { ["X-Api-Key"] = "disk-hdr-S3CRET" } },
        }, HttpStatusCode.Created);
        await Admin.Post("/api/v1/datachefs/on-disk/materialize", null, HttpStatusCode.Accepted);
        await Eventually.Until(() => Admin.Get("/api/v1/datachefs/on-disk"), c => c["last"] is JsonObject && c["running_job"] is null, TimeSpan.FromSeconds(60), "the materialization");

        var files = Directory.GetFiles(Node.DataDirectory, "httm.db*");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.AsSpan().IndexOf("S3CRET"u8) < 0, $"{Path.GetFileName(file)} holds a secret in clear");
        }

        var key = Path.Combine(Node.DataDirectory, "datachef-secrets.key");
        Assert.Equal(32, new FileInfo(key).Length);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        Assert.Equal("***", (await Admin.Get("/api/v1/datachefs/on-disk-rest"))["source"]!["headers"]!["X-Api-Key"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_preview_whose_driver_error_quotes_a_secret_answers_502_without_it()
    {
        var problem = await Admin.Post("/api/v1/datachefs/preview", new
        {
            source = new { kind = "sql", provider = "postgresql", connection_string = Pg("Password=wrong-S3CRET;Options=-c statement_timeout=opt-S3CRET"), query = "SELECT 1 AS user_id, 2 AS item_id" },
        }, HttpStatusCode.BadGateway);

        Assert.DoesNotContain(Marker, problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("invalid value", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_get_body_sent_back_as_an_edit_keeps_every_stored_secret()
    {
        await Admin.Post("/api/v1/datachefs", new
        {
            id = "round-trip",
            source = new { kind = "rest", url = RestUrl, bearer_token = "tok-S3CRET", headers = new Dictionary<string, string> { ["X-Api-Key"] = "hdr-S3CRET" } },
        }, HttpStatusCode.Created);
        await Admin.Post("/api/v1/datachefs", new
        {
            id = "round-trip-sql", source = new { kind = "sql", provider = "postgresql", connection_string = Pg("PSW=psw-S3CRET;Options=-c x=opt-S3CRET"), query = "SELECT 1" },
        }, HttpStatusCode.Created);
        var restBefore = (await DataChefServices.StoredAsync(Node, "round-trip")).Source.DeepClone();
        var sqlBefore = (await DataChefServices.StoredAsync(Node, "round-trip-sql")).Source.DeepClone();

        var rest = await Admin.Get("/api/v1/datachefs/round-trip");
        rest["source"]!["records_path"] = "data.items";
        await Admin.Send(HttpMethod.Put, "/api/v1/datachefs/round-trip", rest, HttpStatusCode.OK);
        var sql = await Admin.Get("/api/v1/datachefs/round-trip-sql");
        await Admin.Send(HttpMethod.Put, "/edit_data_chef/round-trip-sql", new { connection_string = sql["source"]!["connection_string"], query = "SELECT 2" }, HttpStatusCode.OK);

        var restAfter = (await DataChefServices.StoredAsync(Node, "round-trip")).Source;
        Assert.Equal(RestUrl, restAfter["url"]!.GetValue<string>());
        Assert.Equal("tok-S3CRET", restAfter["bearer_token"]!.GetValue<string>());
        Assert.Equal("hdr-S3CRET", restAfter["headers"]!["X-Api-Key"]!.GetValue<string>());
        Assert.Equal("data.items", restAfter["records_path"]!.GetValue<string>());
        var sqlAfter = (await DataChefServices.StoredAsync(Node, "round-trip-sql")).Source;
        Assert.Equal(sqlBefore["connection_string"]!.GetValue<string>(), sqlAfter["connection_string"]!.GetValue<string>());
        Assert.Equal("SELECT 2", sqlAfter["query"]!.GetValue<string>());
        Assert.NotEqual(restBefore["records_path"]!.GetValue<string>(), restAfter["records_path"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_placeholder_with_no_stored_secret_behind_it_is_refused_naming_the_field()
    {
        await Admin.Post("/api/v1/datachefs", new
        {
            id = "placeholder", source = new { kind = "rest", url = "https://api.example.com/r?key=key-S3CRET" },
        }, HttpStatusCode.Created);

        var refused = await Admin.Send(HttpMethod.Put, "/api/v1/datachefs/placeholder", new
        {
            source = new { kind = "rest", url = "https://api.example.com/r?key=***&other=***" },
        }, HttpStatusCode.UnprocessableEntity);
        Assert.True(refused["errors"]!.AsObject().ContainsKey("source.url"), refused.ToJsonString());
    }
}
