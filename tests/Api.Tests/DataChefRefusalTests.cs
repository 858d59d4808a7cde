using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HttmOrleans.Api.Tests.Infrastructure;
using Xunit;

namespace HttmOrleans.Api.Tests;

/// <summary>Data-chef definitions the server refuses: 501 for kinds without a client library, 422 naming every field; nothing stored.</summary>
public sealed class DataChefRefusalTests(DataChefServices services) : IClassFixture<DataChefServices>
{
    private ApiNode Node => services.Node;

    private HttpClient Admin => services.Admin;

    [Theory]
    [InlineData("/api/v1/datachefs", """{"name":"k","source":{"kind":"kafka","bootstrap_servers":"127.0.0.1:9092","topic":"t"}}""", "Confluent.Kafka")]
    [InlineData("/api/v1/datachefs", """{"name":"m","source":{"kind":"mongodb","connection_string":"mongodb://u:p@h/db"}}""", "MongoDB.Driver")]
    [InlineData("/api/v1/datachefs", """{"name":"y","source":{"kind":"mysql","connection_string":"Server=h;Uid=u;Pwd=p"}}""", "MySqlConnector")]
    [InlineData("/create_data_chef_from_message_queue", """{"name":"k2","queue_type":"kafka","host":"127.0.0.1","topic":"t"}""", "Confluent.Kafka")]
    [InlineData("/create_data_chef_from_sql", """{"name":"y2","connection_string":"mysql+pymysql://u:p@h/db","query":"select 1"}""", "MySqlConnector")]
    [InlineData("/api/v1/datachefs/preview", """{"source":{"kind":"kafka","topic":"t"}}""", "Confluent.Kafka")]
    public async Task Kinds_without_a_client_library_answer_501_problem_details_and_store_nothing(string route, string body, string library)
    {
        var before = await services.ChefIdsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await Admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(501, problem["status"]!.GetValue<int>());
        Assert.Contains("not available in this build", problem["detail"]!.GetValue<string>());
        Assert.Equal(library, problem["client_library"]!.GetValue<string>());
        Assert.Equal(before, await services.ChefIdsAsync());
    }

    [Theory]
    [InlineData("/api/v1/datachefs", """{"id":"bad-sql","source":{"kind":"sql","provider":"sqlite","connection_string":"Data Source=/etc/passwd","query":" ","timeout_seconds":0}}""",
        new[] { "source.connection_string", "source.query", "source.timeout_seconds" })]
    [InlineData("/api/v1/datachefs", """{"id":"bad-rest","mapping":"userId->nobody","source":{"kind":"rest","url":"ftp://example.org/x","size_value":0}}""",
        new[] { "source.url", "source.size_value", "source.size_param", "mapping" })]
    [InlineData("/api/v1/datachefs", """{"id":"bad-kind","source":{"kind":"oracle"}}""", new[] { "source.kind" })]
    [InlineData("/api/v1/datachefs", """{"id":"bad-type","source":{"kind":"rest","url":"http://127.0.0.1/","max_pages":"lots"}}""", new[] { "source.max_pages" })]
    [InlineData("/api/v1/datachefs", """{"id":"bad-path","source":{"kind":"csv","path":"../../etc/passwd"}}""", new[] { "source.path" })]
    [InlineData("/create_data_chef_from_api", """{"data_chef_id":"bad-api","api_endpoint":"not a url","rename_columns":"a:b"}""", new[] { "api_endpoint", "rename_columns" })]
    [InlineData("/create_data_chef_from_sql", """{"data_chef_id":"bad-seed-sql","connection_string":"Host=127.0.0.1"}""", new[] { "query" })]
    [InlineData("/create_data_chef_from_message_queue", """{"data_chef_id":"bad-mq","url":"http://broker","queue":"amq.x"}""", new[] { "url", "queue" })]
    public async Task Invalid_definitions_answer_422_naming_every_field_and_store_nothing(string route, string body, string[] fields)
    {
        var before = await services.ChefIdsAsync();
        var problem = await Admin.Post(route, body, HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsObject();
        foreach (var field in fields) Assert.True(errors.ContainsKey(field), $"errors should name '{field}': {problem}");
        Assert.Equal(before, await services.ChefIdsAsync());
        var sent = JsonNode.Parse(body)!;
        var id = (sent["id"] ?? sent["data_chef_id"])!.GetValue<string>();
        await Node.Anonymous.Get($"/api/v1/datasets/{id}", HttpStatusCode.NotFound);
    }
}
