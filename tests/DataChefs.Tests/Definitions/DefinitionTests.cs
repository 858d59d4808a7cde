using System.Text.Json;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Mapping;

namespace HttmOrleans.DataChefs.Tests.Definitions;

public sealed class DefinitionTests
{
    private static readonly SourceEnvironment Environment = new();

    [Fact]
    public void Definitions_round_trip_through_json_with_a_kind_discriminator()
    {
        SourceDefinition definition = new SqlSourceDefinition { Provider = "sqlite", ConnectionString = "Data Source=x.db", Query = "SELECT 1", RowLimit = 5 };

        var json = JsonSerializer.Serialize(definition);
        var back = JsonSerializer.Deserialize<SourceDefinition>(json);

        Assert.StartsWith("{\"kind\":\"sql\"", json, StringComparison.Ordinal);
        Assert.Contains("\"row_limit\":5", json, StringComparison.Ordinal);
        Assert.Equal(definition, back);
    }

    [Fact]
    public void The_sql_password_is_redacted_inside_the_connection_string()
    {
        var definition = new SqlSourceDefinition { ConnectionString = "Host=db.internal;Database=shop;Username=reader;Password=hunter2", Query = "SELECT 1" };

        var redacted = (SqlSourceDefinition)definition.Redacted();

        Assert.Contains("host=db.internal", redacted.ConnectionString, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("username=reader", redacted.ConnectionString, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("password=***", redacted.ConnectionString, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", redacted.ConnectionString, StringComparison.Ordinal);
        Assert.Equal("Host=db.internal;Database=shop;Username=reader;Password=hunter2", definition.ConnectionString);
    }

    [Fact]
    public void Rest_tokens_headers_and_every_url_query_value_are_redacted_but_host_path_and_names_stay_readable()
    {
        var definition = new RestSourceDefinition
        {
            Url = "https://api.example.com/v1/ratings?api_key=K1SECRET&region=eu",
            BearerToken = "TOKSECRET",
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = "K2SECRET", ["Authorization"] = "Basic abc", ["Accept-Language"] = "en" },
        };

        var json = JsonSerializer.Serialize(definition.Redacted());

        foreach (var secret in new[] { "K1SECRET", "TOKSECRET", "K2SECRET", "Basic abc" })
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        }

        var redacted = (RestSourceDefinition)definition.Redacted();
        Assert.Equal("https://api.example.com/v1/ratings?api_key=***&region=***", redacted.Url);
        Assert.Equal(Secrets.Mask, redacted.Headers!["Accept-Language"]);
        Assert.Equal(Secrets.Mask, redacted.BearerToken);
    }

    [Fact]
    public void The_amqp_user_info_is_redacted_in_the_uri()
    {
        var redacted = (RabbitMqSourceDefinition)new RabbitMqSourceDefinition { Uri = "amqp://chef:pa55@mq.internal:5672/prod", Queue = "q" }.Redacted();

        Assert.Equal("amqp://***@mq.internal:5672/prod", redacted.Uri);
    }

    [Fact]
    public void Printing_a_definition_never_shows_a_secret()
    {
        var text = new SqlSourceDefinition { ConnectionString = "Host=h;Password=hunter2", Query = "SELECT 1" }.ToString();

        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kafka", "Confluent.Kafka")]
    [InlineData("mongodb", "MongoDB.Driver")]
    [InlineData("mysql", "MySqlConnector")]
    public void Unavailable_kinds_deserialize_and_then_say_their_client_library_is_missing(string kind, string library)
    {
        var definition = JsonSerializer.Deserialize<SourceDefinition>($$"""{"kind": "{{kind}}", "topic": "t", "password": "p"}""")!;

        var error = Assert.Throws<SourceNotAvailableException>(() => DataSourceFactory.Create(definition, Environment));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(library, error.ClientLibrary);
        Assert.Contains("not available in this build", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\"p\"", JsonSerializer.Serialize(definition.Redacted()), StringComparison.Ordinal);
        Assert.Throws<SourceNotAvailableException>(() => DataSourceFactory.Validate(definition, null, DatasetKind.Interactions, Environment));
    }

    [Fact]
    public void Validation_reports_definition_and_mapping_problems_together()
    {
        var errors = DataSourceFactory.Validate(
            new SqlSourceDefinition { Provider = "oracle", ConnectionString = "x=y", Query = " ", TimeoutSeconds = 0, RowLimit = 0 },
            "a->nope",
            DatasetKind.Interactions,
            Environment);

        Assert.Equal(["query", "timeout_seconds", "row_limit", "provider", "mapping"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Rabbit_definitions_are_validated_field_by_field()
    {
        var errors = new RabbitMqSourceDefinition { Uri = "http://x", Queue = "amq.gen", RecordsPath = "", Prefetch = 0, IdleTimeoutMs = 1, MaxMessages = 0 }
            .Validate(Environment);

        Assert.Equal(["uri", "queue", "records_path", "prefetch", "idle_timeout_ms", "max_messages"], errors.Select(e => e.Field));
    }
}
