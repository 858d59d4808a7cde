using System.Net;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>
/// What a data chef may not reach: the server's own database and files, however the path is spelled,
/// its own PostgreSQL database, and internal addresses over REST (loopback, link-local, private, this
/// server) unless an admin allows them. Each refusal is a 422 naming the field, and stores nothing.
/// </summary>
public sealed class DataChefReachTests(DataChefSecurityServices services) : IClassFixture<DataChefSecurityServices>
{
    private ApiNode Node => services.Node;

    private HttpClient Admin => services.Admin;

    [Fact]
    public async Task A_sqlite_chef_naming_the_server_database_is_refused_however_the_path_is_spelled()
    {
        Assert.True(File.Exists(services.ServerDatabase), "the node should keep its database in the data folder");
        File.CreateSymbolicLink(Path.Combine(Node.DataDirectory, "sources", "innocent.db"), services.ServerDatabase);
        var before = await services.ChefIdsAsync();
        var spellings = new[]
        {
            "Data Source=httm.db", "Data Source=./httm.db", "Data Source=sources/../httm.db", $"Data Source={services.ServerDatabase}",
            "Data Source=sources/innocent.db", "Data Source=file:httm.db", "Data Source=file:httm.db?mode=ro&immutable=1",
            $"Data Source=file://{services.ServerDatabase}", "Data Source=httm.db-wal", "Filename=httm.db",
        };

        foreach (var connection in spellings)
        {
            var source = new { kind = "sql", provider = "sqlite", connection_string = connection, query = "SELECT grain_type AS user_id, state AS item_id FROM grains" };
            foreach (var route in new[] { "/api/v1/datachefs", "/api/v1/datachefs/preview" })
            {
                var problem = await Admin.Post(route, new { id = "own-db", source }, HttpStatusCode.UnprocessableEntity);
                Assert.True(problem["errors"]!.AsObject().ContainsKey("source.connection_string"), $"{route} {connection}: {problem}");
            }
        }

        var seed = await Admin.Post("/create_data_chef_from_sql", new { data_chef_id = "own-db-seed", connection_string = "sqlite:///httm.db", query = "SELECT 1" },
            HttpStatusCode.UnprocessableEntity);
        Assert.True(seed["errors"]!.AsObject().ContainsKey("connection_string"), seed.ToJsonString());
        Assert.Equal(before, await services.ChefIdsAsync());
    }

    [Fact]
    public async Task A_csv_chef_naming_a_server_file_outside_the_source_folder_is_refused()
    {
        Directory.CreateDirectory(Path.Combine(Node.DataDirectory, "artifacts"));
        File.WriteAllText(Path.Combine(Node.DataDirectory, "artifacts", "model.csv"), "user_id,item_id\nu,i\n");
        foreach (var path in new[] { "httm.db", "artifacts/model.csv", services.ServerDatabase, "sources/../httm.db" })
        {
            var problem = await Admin.Post("/create_data_chef_from_csv", new { data_chef_id = "own-file", file_path = path }, HttpStatusCode.UnprocessableEntity);
            Assert.True(problem["errors"]!.AsObject().ContainsKey("file_path"), $"{path}: {problem}");
        }

        File.WriteAllText(Path.Combine(Node.DataDirectory, "sources", "user.csv"), "user_id,item_id\nu1,i1\n");
        var preview = await Admin.Post("/api/v1/datachefs/preview", new { source = new { kind = "csv", path = "sources/user.csv" } });
        Assert.Equal("u1", preview["rows"]![0]!["user_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_sql_chef_naming_the_server_postgres_database_is_refused_unless_allowed()
    {
        var own = await TestDatabases.CreatePostgresAsync();
        try
        {
            await using var node = await ApiNode.StartOnAsync(own, new Dictionary<string, string?>());
            using var admin = await node.AdminAsync();
            var builder = new NpgsqlConnectionStringBuilder(own);
            var spellings = new[]
            {
                own, $"Host=localhost;Port={builder.Port};Database={builder.Database};Username={builder.Username}",
                $"Server={builder.Host};Port={builder.Port};Database={builder.Database};User ID={builder.Username};Password=x",
            };
            foreach (var connection in spellings)
            {
                var problem = await admin.Post("/api/v1/datachefs/preview", new
                {
                    source = new { kind = "sql", provider = "postgresql", connection_string = connection, query = "SELECT grain_type AS user_id, state AS item_id FROM grains" },
                }, HttpStatusCode.UnprocessableEntity);
                Assert.True(problem["errors"]!.AsObject().ContainsKey("source.connection_string"), $"{connection}: {problem}");
            }

            // Another database on the same server is a source like any other.
            var other = new NpgsqlConnectionStringBuilder(own) { Database = "postgres" }.ConnectionString;
            var preview = await admin.Post("/api/v1/datachefs/preview", new { source = new { kind = "sql", provider = "postgresql", connection_string = other, query = "SELECT 'u' AS user_id, 'i' AS item_id" } });
            Assert.Single(preview["rows"]!.AsArray());
        }
        finally
        {
            await TestDatabases.DropPostgresAsync(own);
        }
    }

    [Fact]
    public async Task A_rest_chef_reaching_an_internal_address_is_refused_at_create_and_preview_naming_the_url()
    {
        var port = services.ApiPort;
        var urls = new[]
        {
            services.ApiBase + "/data", $"http://localhost:{port}/data", $"http://2130706433:{port}/data", $"http://0x7f000001:{port}/data",
            $"http://[::1]:{port}/data", $"http://[::ffff:127.0.0.1]:{port}/data", $"http://0.0.0.0:{port}/data",
            "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/data", "http://192.168.0.1/data",
        };
        var before = await services.ChefIdsAsync();
        var hits = services.ApiHits.Values.Sum();

        foreach (var url in urls)
        {
            foreach (var route in new[] { "/api/v1/datachefs", "/api/v1/datachefs/preview" })
            {
                var problem = await Admin.Post(route, new { id = "ssrf", source = new { kind = "rest", url } }, HttpStatusCode.UnprocessableEntity);
                Assert.True(problem["errors"]!.AsObject().ContainsKey("source.url"), $"{route} {url}: {problem}");
                Assert.Contains("AllowedHosts", problem["errors"]!["source.url"]![0]!.GetValue<string>(), StringComparison.Ordinal);
            }

            var seed = await Admin.Post("/create_data_chef_from_api", new { data_chef_id = "ssrf-seed", api_endpoint = url }, HttpStatusCode.UnprocessableEntity);
            Assert.True(seed["errors"]!.AsObject().ContainsKey("api_endpoint"), $"{url}: {seed}");
        }

        Assert.Equal(hits, services.ApiHits.Values.Sum());
        Assert.Equal(before, await services.ChefIdsAsync());
    }

    [Fact]
    public async Task An_allowed_host_is_reached_but_a_redirect_from_it_to_a_refused_address_is_not_followed()
    {
        await using var node = await ApiNode.StartAsync("sqlite", new Dictionary<string, string?> { ["Httm:DataChefs:AllowedHosts"] = "127.0.0.1" });
        using var admin = await node.AdminAsync();

        var preview = await admin.Post("/api/v1/datachefs/preview", new { source = new { kind = "rest", url = services.ApiBase + "/data" } });
        Assert.Equal("internal-u1", preview["rows"]![0]!["user_id"]!.GetValue<string>());

        var elsewhere = Uri.EscapeDataString($"http://127.0.0.2:{services.ApiPort}/data");
        var problem = await admin.Post("/api/v1/datachefs/preview", new { source = new { kind = "rest", url = $"{services.ApiBase}/redirect?to={elsewhere}" } },
            HttpStatusCode.UnprocessableEntity);
        var reason = problem["errors"]!["url"]![0]!.GetValue<string>();
        Assert.Contains("127.0.0.2", reason, StringComparison.Ordinal);
        Assert.Contains("loopback", reason, StringComparison.Ordinal);
    }
}
