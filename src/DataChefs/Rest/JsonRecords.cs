using System.Text.Json;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;

namespace HttmOrleans.DataChefs.Rest;

/// <summary>Turns JSON objects into records; nested objects become dotted names (<c>user.id</c>).</summary>
public static class JsonRecords
{
    /// <summary>The records an element holds: an array's items, or the element itself when it is an object.</summary>
    public static IEnumerable<SourceRecord> From(JsonElement element, Func<int, string> position)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                index++;
                yield return FromItem(item, position(index));
            }
        }
        else
        {
            yield return FromItem(element, position(1));
        }
    }

    /// <summary>How many records <see cref="From"/> yields for an element.</summary>
    public static int Count(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.GetArrayLength() : element.ValueKind == JsonValueKind.Object ? 1 : 0;

    private static SourceRecord FromItem(JsonElement item, string position)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return SourceRecord.Unreadable(position, RejectionReasons.NotAnObject, item.GetRawText());
        }

        var names = new List<string>();
        var values = new List<object?>();
        Flatten(item, prefix: null, names, values);
        return new SourceRecord([.. names], [.. values], position);
    }

    private static void Flatten(JsonElement element, string? prefix, List<string> names, List<object?> values)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix is null ? property.Name : prefix + "." + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Flatten(property.Value, name, names, values);
                continue;
            }

            names.Add(name);
            values.Add(property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.TryGetInt64(out var whole) ? whole : property.Value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => property.Value.GetRawText(),
            });
        }
    }
}
