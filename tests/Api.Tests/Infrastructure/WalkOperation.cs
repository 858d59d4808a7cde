using System.Text.Json.Nodes;

namespace HttmOrleans.Api.Tests.Infrastructure;

/// <summary>One operation of the OpenAPI document, as the bad-input walk needs it.</summary>
public sealed record WalkOperation(
    string Method, string Template, IReadOnlyList<string> PathParameters, IReadOnlyList<(string Name, string Type)> Query,
    bool HasBody, bool RawBody, IReadOnlyList<(string Name, string Type)> BodyFields, IReadOnlySet<int> DocumentedStatuses)
{
    public bool IsRead => Method == "GET";

    public override string ToString() => $"{Method} {Template}";

    /// <summary>Every operation of the document; body fields from the schema, or <paramref name="rawFields"/> for a raw JSON object.</summary>
    public static List<WalkOperation> Parse(JsonNode document, IReadOnlyList<(string Name, string Type)> rawFields)
    {
        var schemas = document["components"]?["schemas"]?.AsObject();
        var list = new List<WalkOperation>();
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, op) in item!.AsObject())
            {
                if (method == "parameters") continue;
                var parameters = op!["parameters"]?.AsArray() ?? [];
                var path = parameters.Where(p => p!["in"]!.GetValue<string>() == "path").Select(p => p!["name"]!.GetValue<string>()).ToList();
                var query = parameters.Where(p => p!["in"]!.GetValue<string>() == "query")
                    .Select(p => (p!["name"]!.GetValue<string>(), TypeOf(p["schema"], schemas))).ToList();
                var body = op["requestBody"]?["content"]?.AsObject().FirstOrDefault().Value?["schema"];
                var declared = body is null ? null : Fields(body, schemas);
                var fields = body is null ? [] : declared ?? rawFields;
                var documented = op["responses"]?.AsObject().Select(r => int.TryParse(r.Key, out var s) ? s : 0).ToHashSet() ?? [];
                list.Add(new WalkOperation(method.ToUpperInvariant(), template, path, query, body is not null, body is not null && declared is null, fields, documented));
            }
        }

        return list;
    }

    // The properties of a referenced object schema; null for an object without declared properties (a raw JsonObject).
    private static List<(string, string)>? Fields(JsonNode schema, JsonObject? schemas)
    {
        var resolved = Resolve(schema, schemas);
        if (resolved?["properties"]?.AsObject() is not { Count: > 0 } properties) return null;
        return [.. properties.Select(p => (p.Key, TypeOf(p.Value, schemas)))];
    }

    private static JsonNode? Resolve(JsonNode? schema, JsonObject? schemas)
    {
        if (schema?["oneOf"]?.AsArray() is { } options) schema = options.FirstOrDefault(o => o?["$ref"] is not null) ?? options.Last();
        if (schema?["$ref"]?.GetValue<string>() is { } reference) schema = schemas?[reference.Split('/')[^1]];
        return schema;
    }

    private static string TypeOf(JsonNode? schema, JsonObject? schemas)
    {
        var resolved = Resolve(schema, schemas);
        var type = resolved?["type"];
        var names = type is JsonArray many ? many.Select(t => t!.GetValue<string>()) : type is null ? [] : [type.GetValue<string>()];
        return names.FirstOrDefault(n => n != "null") ?? (resolved?["properties"] is not null ? "object" : "any");
    }
}
