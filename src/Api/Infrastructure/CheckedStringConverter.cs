using System.Text.Json;
using System.Text.Json.Serialization;

namespace HttmOrleans.Api.Infrastructure;

/// <summary>
/// Reads strings of typed request bodies, refusing a NUL (U+0000): it means nothing in an id, a name or a
/// text, and PostgreSQL cannot store it in a text column, so letting it through would be a 500 there.
/// </summary>
internal sealed class CheckedStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is not null && text.Contains('\0', StringComparison.Ordinal)) throw new InvalidJsonTextException("", CheckedJsonObjectConverter.NulReason);
        return text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
