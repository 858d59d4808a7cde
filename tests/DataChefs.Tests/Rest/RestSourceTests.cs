using System.Text.Json;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.DataChefs.Rest;
using HttmOrleans.DataChefs.Tests.Support;

namespace HttmOrleans.DataChefs.Tests.Rest;

public sealed class RestSourceTests(JsonApiServer server) : IClassFixture<JsonApiServer>
{
    private const string Mapping = "userId->user_id,productId->item_id";

    private static readonly SourceEnvironment Environment = new()
    {
        Retry = new RetryPolicy(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(200)),

        // The test API listens on loopback, which the default policy refuses (RestHostPolicyTests).
        Hosts = new HostPolicy(["127.0.0.1"]),
    };

    private static IReadOnlyList<string> Users(InMemoryRowSink<InteractionRow> sink) => [.. sink.Rows.Select(r => r.UserId)];

    private static IEnumerable<string> AllUsers => Enumerable.Range(0, 10).Select(i => $"u{i}");

    [Fact]
    public async Task Seed_pagination_retries_a_503_page_and_stops_at_the_empty_page()
    {
        var definition = (RestSourceDefinition)JsonSerializer.Deserialize<SourceDefinition>($$"""
            {"kind": "rest", "url": "{{server.BaseUrl}}/seed/flaky503", "records_path": "data.items",
             "paginated": true, "pagination_param": "page", "size_param": "size", "size_value": 4}
            """)!;
        var sink = new InMemoryRowSink<InteractionRow>();

        var report = await Pipelines.Interactions(new RestDataSource(definition, Environment), Mapping).MaterializeAsync(sink, CancellationToken.None);

        Assert.Equal(AllUsers, Users(sink));
        Assert.Equal(10, report.Accepted);
        Assert.Equal(2, server.HitsFor("/seed/flaky503?size=4&page=2"));
        Assert.Equal(1, server.HitsFor("/seed/flaky503?size=4&page=4"));
        Assert.Equal(0, server.HitsFor("/seed/flaky503?size=4&page=5"));
        Assert.Contains("stopped at empty page 4", report.Notes);
        Assert.Contains(report.Notes, n => n.StartsWith("1 request(s) retried", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_is_retried_too()
    {
        var definition = new RestSourceDefinition
        {
            Url = server.BaseUrl + "/seed/flaky429", RecordsPath = "$.data.items", Paginated = true, SizeParam = "size", SizeValue = 4,
        };
        var sink = new InMemoryRowSink<InteractionRow>();

        await Pipelines.Interactions(new RestDataSource(definition, Environment), Mapping).MaterializeAsync(sink, CancellationToken.None);

        Assert.Equal(AllUsers, Users(sink));
        Assert.Equal(2, server.HitsFor("/seed/flaky429?size=4&page=2"));
    }

    [Fact]
    public async Task Next_links_are_followed_until_there_is_none()
    {
        var definition = new RestSourceDefinition { Url = server.BaseUrl + "/links", RecordsPath = "items", PaginationMode = "next_link" };
        var sink = new InMemoryRowSink<InteractionRow>();

        await Pipelines.Interactions(new RestDataSource(definition, Environment), Mapping).MaterializeAsync(sink, CancellationToken.None);

        Assert.Equal(AllUsers, Users(sink));
        Assert.Equal(1, server.HitsFor("/links?after=8"));
    }

    [Fact]
    public async Task Cursors_are_sent_back_until_the_api_gives_none()
    {
        var definition = new RestSourceDefinition
        {
            Url = server.BaseUrl + "/cursor", RecordsPath = "rows", PaginationMode = "cursor", CursorPath = "next_cursor", CursorParam = "cursor",
        };
        var sink = new InMemoryRowSink<InteractionRow>();

        await Pipelines.Interactions(new RestDataSource(definition, Environment), Mapping).MaterializeAsync(sink, CancellationToken.None);
        var records = await Pipelines.ReadAllAsync(new RestDataSource(definition, Environment));

        Assert.Equal(AllUsers, Users(sink));
        Assert.Equal("page 3, record 2", records[^1].Position);
        Assert.Equal(2, server.HitsFor("/cursor?cursor=c8"));
    }

    [Fact]
    public async Task The_bearer_token_and_custom_headers_reach_the_server()
    {
        var definition = new RestSourceDefinition
        {
            Url = server.BaseUrl + "/auth", BearerToken = "s3cret", Headers = new Dictionary<string, string> { ["X-Api-Key"] = "k-123" },
        };

        var records = await Pipelines.ReadAllAsync(new RestDataSource(definition, Environment));

        Assert.Equal(2, records.Count);
        Assert.Contains(("Bearer s3cret", "k-123"), server.AuthSeen);
    }

    [Fact]
    public async Task A_client_error_fails_at_once_without_retrying()
    {
        var definition = new RestSourceDefinition { Url = server.BaseUrl + "/auth?try=unauthorized" };

        var error = await Assert.ThrowsAsync<SourceReadException>(() => Pipelines.ReadAllAsync(new RestDataSource(definition, Environment)));

        Assert.Contains("answered 401", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.HitsFor("/auth?try=unauthorized"));
    }

    [Fact]
    public async Task A_server_that_stays_down_fails_after_the_retries_with_a_clear_message()
    {
        var definition = new RestSourceDefinition { Url = server.BaseUrl + "/down?api_key=hush" };

        var error = await Assert.ThrowsAsync<SourceReadException>(() => Pipelines.ReadAllAsync(new RestDataSource(definition, Environment)));

        Assert.Equal(4, server.HitsFor("/down?api_key=hush"));
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Contains("4 attempts", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hush", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_limit_stops_an_api_that_never_ends()
    {
        var definition = new RestSourceDefinition { Url = server.BaseUrl + "/endless", Paginated = true, MaxPages = 5 };

        var report = await Pipelines.Interactions(new RestDataSource(definition, Environment), Mapping)
            .MaterializeAsync(new InMemoryRowSink<InteractionRow>(), CancellationToken.None);

        Assert.Equal(5, report.Accepted);
        Assert.Contains("page limit 5 reached: later pages were not read", report.Notes);
    }

    [Fact]
    public async Task A_page_that_is_not_json_fails_the_read()
    {
        var definition = new RestSourceDefinition { Url = server.BaseUrl + "/notjson" };

        var error = await Assert.ThrowsAsync<SourceReadException>(() => Pipelines.ReadAllAsync(new RestDataSource(definition, Environment)));

        Assert.Contains("did not answer valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_next_link_to_another_origin_is_not_followed()
    {
        var definition = new RestSourceDefinition { Url = server.BaseUrl + "/elsewhere", RecordsPath = "items", PaginationMode = "next_link", BearerToken = "t" };

        var error = await Assert.ThrowsAsync<SourceReadException>(() => Pipelines.ReadAllAsync(new RestDataSource(definition, Environment)));

        Assert.Contains("another origin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_objects_are_flattened_into_dotted_field_names()
    {
        var definition = new RestSourceDefinition { Url = server.BaseUrl + "/nested" };
        var sink = new InMemoryRowSink<InteractionRow>();

        await Pipelines.Interactions(new RestDataSource(definition, Environment), "user.id->user_id,item.id->item_id").MaterializeAsync(sink, CancellationToken.None);

        Assert.Equal([new InteractionRow("u1", "i1", 2.5f, null)], sink.Rows);
    }

    [Fact]
    public void Bad_definitions_name_every_wrong_field()
    {
        var errors = new RestSourceDefinition
        {
            Url = "ftp://x", RecordsPath = "a..b", PaginationMode = "sideways", SizeValue = 0, MaxPages = 0,
            Headers = new Dictionary<string, string> { ["Bad Header"] = "v" },
        }.Validate(Environment);

        Assert.Equal(
            ["headers", "max_pages", "pagination_mode", "records_path", "size_param", "size_value", "url"],
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }
}
