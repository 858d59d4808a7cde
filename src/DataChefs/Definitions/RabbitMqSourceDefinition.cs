using System.Text.Json.Serialization;
using HttmOrleans.DataChefs.Rest;

namespace HttmOrleans.DataChefs.Definitions;

/// <summary>
/// JSON messages from a RabbitMQ queue, optionally bound to an exchange. A message is
/// acknowledged only after its rows are stored; redeliveries are skipped by message id.
/// </summary>
public sealed record RabbitMqSourceDefinition : SourceDefinition
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => "rabbitmq";

    /// <summary>An <c>amqp://user:password@host:port/vhost</c> URI. A secret: its user info and query are redacted.</summary>
    [JsonPropertyName("uri")]
    public string Uri { get; init; } = string.Empty;

    /// <summary>
    /// The queue read from. Without <see cref="Exchange"/> it must exist already; with one it is
    /// declared durable and bound, so messages wait for the next materialization.
    /// </summary>
    [JsonPropertyName("queue")]
    public string Queue { get; init; } = string.Empty;

    /// <summary>An exchange to bind <see cref="Queue"/> to; null reads the queue as it is.</summary>
    [JsonPropertyName("exchange")]
    public string? Exchange { get; init; }

    /// <summary>The binding's routing key (<c>#</c> matches all on a topic exchange).</summary>
    [JsonPropertyName("routing_key")]
    public string RoutingKey { get; init; } = string.Empty;

    /// <summary>Where the records are in a message: <c>$</c> (an object or an array of objects) or a dotted path.</summary>
    [JsonPropertyName("records_path")]
    public string RecordsPath { get; init; } = "$";

    /// <summary>Unacknowledged messages the broker may send ahead.</summary>
    [JsonPropertyName("prefetch")]
    public ushort Prefetch { get; init; } = 500;

    /// <summary>A materialization stops after the queue has been quiet this long.</summary>
    [JsonPropertyName("idle_timeout_ms")]
    public int IdleTimeoutMs { get; init; } = 2000;

    /// <summary>A materialization stops after this many messages.</summary>
    [JsonPropertyName("max_messages")]
    public long MaxMessages { get; init; } = 1_000_000;

    /// <inheritdoc />
    public override IReadOnlyList<SourceValidationError> Validate(SourceEnvironment environment)
    {
        var errors = new List<SourceValidationError>();
        if (!System.Uri.TryCreate(Uri, UriKind.Absolute, out var uri) || (uri.Scheme != "amqp" && uri.Scheme != "amqps"))
        {
            errors.Add(new("uri", "The URI must be an amqp:// or amqps:// URI."));
        }

        if (string.IsNullOrWhiteSpace(Queue) || Queue.Length > 255 || Queue.StartsWith("amq.", StringComparison.Ordinal))
        {
            errors.Add(new("queue", "Name a queue (at most 255 characters, not starting with 'amq.')."));
        }

        if (Exchange is not null && (Exchange.Length == 0 || Exchange.Length > 255))
        {
            errors.Add(new("exchange", "The exchange name must be 1 to 255 characters."));
        }

        if (!JsonPath.TryParse(RecordsPath, out _))
        {
            errors.Add(new("records_path", "The records path must be '$' or a dotted path such as 'data.items'."));
        }

        if (Prefetch < 1)
        {
            errors.Add(new("prefetch", "The prefetch must be at least 1."));
        }

        if (IdleTimeoutMs is < 10 or > 600_000)
        {
            errors.Add(new("idle_timeout_ms", "The idle timeout must be between 10 ms and 10 minutes."));
        }

        if (MaxMessages < 1)
        {
            errors.Add(new("max_messages", "The message limit must be at least 1."));
        }

        return errors;
    }

    /// <inheritdoc />
    public override SourceDefinition Redacted() => this with { Uri = Secrets.RedactUrl(Uri) };

    /// <inheritdoc />
    public override IReadOnlyCollection<string> SecretValues()
    {
        var secrets = new List<string>();
        Secrets.CollectUrl(Uri, secrets);
        return secrets;
    }
}
