using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace HttmOrleans.Api.Infrastructure;

/// <summary>
/// Reads a <see cref="JsonObject"/> from a request and checks every name and string in it at once.
/// A parsed node keeps its strings escaped until someone reads them, so a lone UTF-16 surrogate
/// (<c>"\ud800"</c>) would otherwise blow up wherever a handler, the grain state writer or the
/// response serializer first touches it; here it is refused as bad input naming its place, as is a NUL
/// (PostgreSQL cannot store one in text).
/// </summary>
internal sealed class CheckedJsonObjectConverter : JsonConverter<JsonObject>
{
    public const string NulReason = "Must not contain a NUL character (U+0000).";

    public override JsonObject? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Must be a JSON object.");
        var node = (JsonObject)JsonNode.Parse(ref reader, new JsonNodeOptions { PropertyNameCaseInsensitive = options.PropertyNameCaseInsensitive })!;
        Check(node, "");
        return node;
    }

    public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options) => value.WriteTo(writer, options);

    private static void Check(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                List<KeyValuePair<string, JsonNode?>> properties;
                try
                {
                    properties = [.. obj];
                }
                catch (InvalidOperationException e)
                {
                    throw new InvalidJsonTextException(path, $"A property name is not valid text: {e.Message}");
                }

                foreach (var (name, value) in properties)
                {
                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    if (name.Contains('\0', StringComparison.Ordinal)) throw new InvalidJsonTextException(path, "A property name must not contain a NUL character (U+0000).");
                    Check(value, at);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) Check(array[i], $"{path}[{i}]");
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                string text;
                try
                {
                    text = value.GetValue<string>();
                }
                catch (InvalidOperationException e)
                {
                    throw new InvalidJsonTextException(path, $"Not valid text: {e.Message}");
                }

                if (text.Contains('\0', StringComparison.Ordinal)) throw new InvalidJsonTextException(path, NulReason);

                break;
        }
    }
}
