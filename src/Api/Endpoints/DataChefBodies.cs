using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HttmOrleans.Grains;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// Reads data-chef request bodies into drafts: the resource shape
/// <c>{id?, name, kind?, dataset_id?, mapping?, source:{kind, …}}</c> and the seed servers' flat
/// bodies (docs/api.md, "Data-chef seed bodies"), whose fields map onto the library's definitions.
/// </summary>
internal static class DataChefBodies
{
    // Envelope fields: they describe the chef, not its source, so flat bodies do not pass them on.
    private static readonly HashSet<string> EnvelopeFields =
        ["id", "data_chef_id", "name", "data_chef_name", "dataset_id", "dataset_kind", "kind", "mapping", "rename_columns", "column_mapping", "description", "source", "features"];

    private static readonly string[] IntegerFields =
        ["size_value", "max_pages", "timeout_seconds", "start_page", "row_limit", "prefetch", "idle_timeout_ms", "max_messages"];

    private static readonly string[] BooleanFields = ["paginated", "has_header"];

    /// <summary>
    /// The resource body. Without a <c>source</c> object it is read as the seed CSV body (what this
    /// route accepted before other kinds existed); on an update a body with neither keeps the stored source.
    /// </summary>
    public static DataChefDraft Resource(JsonObject body, bool update)
    {
        switch (body["source"])
        {
            case JsonObject source:
                return Envelope(body, Coerce((JsonObject)source.DeepClone()), new Dictionary<string, string>(), "source.", kindIsDatasetKind: true);
            case null when update && !body.ContainsKey("file_path") && !body.ContainsKey("path") && !body.ContainsKey("upload_id"):
                return Envelope(body, null, new Dictionary<string, string>(), "source.", kindIsDatasetKind: true);
            case null:
                return Csv(body);
            default:
                throw new ValidationException("source", "Must be an object naming its kind: {\"kind\": \"csv|sql|rest|rabbitmq\", …}.");
        }
    }

    /// <summary>Seed CSV: <c>{name, file_path | upload_id, delimiter?, has_header?, quote?, encoding?, mapping | rename_columns}</c>.</summary>
    public static DataChefDraft Csv(JsonObject body)
    {
        var source = new JsonObject { ["kind"] = "csv" };
        var pathField = body.ContainsKey("path") && !body.ContainsKey("file_path") ? "path" : "file_path";
        Copy(body, source, pathField, "path");
        foreach (var name in new[] { "upload_id", "delimiter", "has_header", "quote", "encoding" }) Copy(body, source, name, name);
        return Envelope(body, Coerce(source), new Dictionary<string, string> { ["path"] = pathField }, "", kindIsDatasetKind: true);
    }

    /// <summary>
    /// Seed SQL: <c>{name, connection_string, query, provider | db_type?, rename_columns}</c>. The provider is
    /// taken from the field or guessed from the connection string; SQLAlchemy-style URLs
    /// (<c>postgresql://user:pw@host/db</c>, <c>sqlite:///file.db</c>) become ADO.NET strings; MySQL answers 501.
    /// </summary>
    public static DataChefDraft Sql(JsonObject body)
    {
        var fields = new Dictionary<string, string>();
        var source = Rest(body, "sql");
        Alias(body, source, fields, "query", "sql", "sql_query");
        Alias(body, source, fields, "provider", "db_type", "database_type", "dialect");
        var (provider, connection) = DataChefSqlConnections.Normalize(Text(source["provider"]), Text(source["connection_string"]));
        if (provider is "mysql" or "mongodb") return Envelope(body, new JsonObject { ["kind"] = provider }, fields, "", kindIsDatasetKind: true);
        if (provider is not null) source["provider"] = provider;
        if (connection is not null) source["connection_string"] = connection;
        return Envelope(body, Coerce(source), fields, "", kindIsDatasetKind: true);
    }

    /// <summary>
    /// Seed REST API: <c>{name, api_endpoint | url, paginated, pagination_param, size_param, size_value,
    /// headers (object or JSON text), bearer_token | token?, records_path | data_path?, rename_columns}</c>.
    /// </summary>
    public static DataChefDraft Api(JsonObject body)
    {
        var fields = new Dictionary<string, string>();
        var source = Rest(body, "rest");
        Alias(body, source, fields, "url", "api_endpoint", "endpoint", "api_url");
        Alias(body, source, fields, "bearer_token", "token", "api_token", "access_token", "auth_token");
        Alias(body, source, fields, "records_path", "data_path", "json_path", "data_key");
        if (source["headers"] is JsonValue text && text.TryGetValue<string>(out var json))
        {
            // The seed's form field carried headers as JSON text.
            try
            {
                source["headers"] = JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
            }
            catch (JsonException)
            {
                throw new ValidationException("headers", "Must be an object of header names and values, or that object as JSON text.");
            }
        }

        return Envelope(body, Coerce(source), fields, "", kindIsDatasetKind: true);
    }

    /// <summary>
    /// Seed message queue: <c>{name, queue_type | kind (rabbitmq, kafka…), url | uri | host (+ port, username,
    /// password, vhost), queue | queue_name | topic, exchange?, routing_key?, rename_columns}</c>.
    /// Only RabbitMQ is in this build; kafka and the rest answer 501.
    /// </summary>
    public static DataChefDraft MessageQueue(JsonObject body)
    {
        var fields = new Dictionary<string, string>();
        var typeField = new[] { "queue_type", "type", "broker", "mq_type" }.FirstOrDefault(body.ContainsKey)
            ?? (Text(body["kind"]) is { } k && !DatasetKind(k) ? "kind" : null);
        var type = (typeField is null ? null : Text(body[typeField]))?.Trim().ToLowerInvariant() ?? "rabbitmq";
        if (typeField is not null) fields["kind"] = typeField;
        type = type is "rabbit" or "amqp" ? "rabbitmq" : type;
        var source = Rest(body, type);
        foreach (var name in new[] { "queue_type", "type", "broker", "mq_type", "host", "port", "username", "user", "password", "vhost", "virtual_host" })
            source.Remove(name);
        Alias(body, source, fields, "queue", "queue_name", "topic");
        Alias(body, source, fields, "uri", "url", "amqp_url", "connection_string");
        if (source["uri"] is null && Text(body["host"]) is { } host)
        {
            source["uri"] = AmqpUri(host, body);
            fields["uri"] = "host";
        }

        return Envelope(body, Coerce(source), fields, "", kindIsDatasetKind: false);
    }

    /// <summary>A JSON value as text (numbers and booleans included), or null.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue v ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>() is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
            _ => null,
        } : null;

    private static DataChefDraft Envelope(JsonObject body, JsonObject? source, Dictionary<string, string> fields, string prefix, bool kindIsDatasetKind)
    {
        var (mapping, mappingField) = Mapping(body);
        var datasetKind = Text(body["dataset_kind"]) ?? (kindIsDatasetKind || DatasetKind(Text(body["kind"])) ? Text(body["kind"]) : null);
        fields["mapping"] = mappingField;
        return new DataChefDraft
        {
            Id = Text(body["id"]) ?? Text(body["data_chef_id"]),
            IdField = body.ContainsKey("data_chef_id") && !body.ContainsKey("id") ? "data_chef_id" : "id",
            Name = Text(body["name"]) ?? Text(body["data_chef_name"]),
            DatasetKind = datasetKind,
            DatasetId = Text(body["dataset_id"]),
            Mapping = mapping,
            MappingGiven = body.ContainsKey(mappingField),
            Features = body["features"] switch
            {
                null => null,
                JsonObject f => new Grains.DataChefs.FeatureOptions { Types = Text(f["types"]), Buckets = Text(f["buckets"]), Separator = Text(f["separator"]) },
                _ => throw new ValidationException("features", "Must be an object {\"types\": \"zip:categorical\", \"buckets\": \"age:18,25,35\", \"separator\": \"|\"}."),
            },
            Source = source,
            FieldNames = fields,
            FieldPrefix = prefix,
        };
    }

    // The seed's mapping is text in either syntax; a {from: to} object is accepted too.
    private static (string? Mapping, string Field) Mapping(JsonObject body)
    {
        var field = new[] { "mapping", "rename_columns", "column_mapping" }.FirstOrDefault(body.ContainsKey) ?? "mapping";
        return body[field] switch
        {
            null => (null, field),
            JsonObject pairs => (string.Join(',', pairs.Select(p => $"{p.Key}->{Text(p.Value) ?? throw new ValidationException(field, $"'{p.Key}' must map to a column name.")}")), field),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => (Text(v), field),
            _ => throw new ValidationException(field, "Must be text such as 'userId->user_id,productId->item_id' or an object {\"userId\": \"user_id\"}."),
        };
    }

    // Every non-envelope field of a flat body, under the given source kind.
    private static JsonObject Rest(JsonObject body, string kind)
    {
        var source = new JsonObject { ["kind"] = kind };
        foreach (var (name, value) in body)
            if (!EnvelopeFields.Contains(name)) source[name] = value?.DeepClone();
        return source;
    }

    private static void Alias(JsonObject body, JsonObject source, Dictionary<string, string> fields, string target, params string[] aliases)
    {
        foreach (var alias in aliases)
        {
            source.Remove(alias);
            if (source[target] is null && body[alias] is { } value)
            {
                source[target] = value.DeepClone();
                fields[target] = alias;
            }
        }
    }

    private static void Copy(JsonObject from, JsonObject to, string name, string target)
    {
        if (from[name] is { } value) to[target] = value.DeepClone();
    }

    // Seed clients often send form-style strings for numbers and switches.
    private static JsonObject Coerce(JsonObject source)
    {
        foreach (var name in IntegerFields)
            if (source[name] is JsonValue v && v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                source[name] = n;
        foreach (var name in BooleanFields)
            if (source[name] is JsonValue v && v.TryGetValue<string>(out var s) && bool.TryParse(s.Trim(), out var b))
                source[name] = b;
        return source;
    }

    private static string AmqpUri(string host, JsonObject body)
    {
        var user = Text(body["username"]) ?? Text(body["user"]);
        var password = Text(body["password"]);
        var port = Text(body["port"]);
        var vhost = Text(body["vhost"]) ?? Text(body["virtual_host"]);
        var userInfo = user is null ? "" : Uri.EscapeDataString(user) + (password is null ? "" : ":" + Uri.EscapeDataString(password)) + "@";
        var authority = port is null || host.Contains(':', StringComparison.Ordinal) ? host : $"{host}:{port}";
        return $"amqp://{userInfo}{authority}/{(vhost is null ? "" : Uri.EscapeDataString(vhost))}";
    }

    private static bool DatasetKind(string? kind) =>
        kind is Grains.Datasets.DatasetKinds.Interactions or Grains.Datasets.DatasetKinds.TextPairs or Grains.Datasets.DatasetKinds.Features;
}
