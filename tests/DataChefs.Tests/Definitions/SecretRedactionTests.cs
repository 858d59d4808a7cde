using System.Text.Json;
using HttmOrleans.DataChefs.Definitions;

namespace HttmOrleans.DataChefs.Tests.Definitions;

/// <summary>Redaction keeps what it positively knows is harmless and masks the rest, whatever a key is called.</summary>
public sealed class SecretRedactionTests
{
    [Fact]
    public void A_connection_string_keeps_host_port_database_and_user_and_masks_every_other_key()
    {
        var definition = new SqlSourceDefinition
        {
            ConnectionString = "Host=db.internal;Port=5433;Database=shop;Username=reader;PSW=psw-s3cr3t;Sekret Sauce=sauce-s3cr3t",
            Query = "SELECT 1",
        };

        var redacted = ((SqlSourceDefinition)definition.Redacted()).ConnectionString;

        Assert.DoesNotContain("psw-s3cr3t", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("sauce-s3cr3t", redacted, StringComparison.Ordinal);
        foreach (var kept in new[] { "host=db.internal", "port=5433", "database=shop", "username=reader", "psw=***", "sekret sauce=***" })
            Assert.Contains(kept, redacted, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_url_keeps_scheme_host_port_and_path_and_masks_user_info_every_query_value_and_the_fragment()
    {
        var definition = new RestSourceDefinition { Url = "https://bob:pw-s3cr3t@api.example.com:8443/v1/ratings?sig=sig-s3cr3t&pass=pass-s3cr3t&flag#frag-s3cr3t" };

        var redacted = ((RestSourceDefinition)definition.Redacted()).Url;

        Assert.Equal("https://***@api.example.com:8443/v1/ratings?sig=***&pass=***&***#***", redacted);
    }

    [Fact]
    public void Only_accept_and_content_type_headers_are_shown()
    {
        var definition = new RestSourceDefinition
        {
            Url = "https://api.example.com/r",
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = "key-s3cr3t", ["X-Whatever"] = "w-s3cr3t", ["Accept"] = "application/json", ["content-type"] = "text/csv" },
        };

        var headers = ((RestSourceDefinition)definition.Redacted()).Headers!;

        Assert.Equal(Secrets.Mask, headers["X-Api-Key"]);
        Assert.Equal(Secrets.Mask, headers["X-Whatever"]);
        Assert.Equal("application/json", headers["Accept"]);
        Assert.Equal("text/csv", headers["content-type"]);
    }

    [Fact]
    public void An_unreadable_connection_string_or_url_is_masked_whole()
    {
        Assert.Equal(Secrets.Mask, Secrets.RedactConnectionString("Password='unterminated"));
        Assert.Equal(Secrets.Mask, Secrets.RedactUrl("not a url pw-s3cr3t"));
    }

    [Fact]
    public void A_message_quoting_a_source_is_scrubbed_of_every_secret_it_holds()
    {
        var definition = new RestSourceDefinition
        {
            Url = "https://bob:pw-s3cr3t@api.example.com/r?sig=sig%2Bs3cr3t",
            BearerToken = "tok-s3cr3t",
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = "key-s3cr3t" },
        };
        var message = $"GET {definition.Url} failed (token tok-s3cr3t, key key-s3cr3t, sig sig+s3cr3t, password pw-s3cr3t)";

        var scrubbed = Secrets.Scrub(message, definition.SecretValues());

        Assert.DoesNotContain("s3cr3t", scrubbed, StringComparison.Ordinal);
        Assert.Contains(Secrets.Mask, scrubbed, StringComparison.Ordinal);
    }

    [Fact]
    public void Printing_any_definition_shows_none_of_its_secrets()
    {
        SourceDefinition[] definitions =
        [
            new SqlSourceDefinition { ConnectionString = "Host=h;PSW=psw-s3cr3t", Query = "SELECT 1" },
            new RestSourceDefinition { Url = "https://h/r?pass=pass-s3cr3t", Headers = new Dictionary<string, string> { ["X-Api-Key"] = "key-s3cr3t" } },
            new RabbitMqSourceDefinition { Uri = "amqp://u:amqp-s3cr3t@h/v", Queue = "q" },
        ];

        foreach (var definition in definitions)
        {
            Assert.DoesNotContain("s3cr3t", definition.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t", JsonSerializer.Serialize(definition.Redacted()), StringComparison.Ordinal);
        }
    }
}
