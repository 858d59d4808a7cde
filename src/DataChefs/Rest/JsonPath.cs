using System.Globalization;
using System.Text.Json;

namespace HttmOrleans.DataChefs.Rest;

/// <summary>
/// The small JSON path used by REST and queue sources: <c>$</c> for the root, otherwise
/// dotted property names with optional array indexes (<c>data.items</c>, <c>$.pages[0].rows</c>).
/// </summary>
public sealed class JsonPath
{
    private readonly string[] _segments;

    private JsonPath(string text, string[] segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Parses a path, refusing empty segments.</summary>
    public static bool TryParse(string? text, out JsonPath path)
    {
        path = new JsonPath("$", []);
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed == "$")
        {
            return true;
        }

        if (trimmed.StartsWith("$.", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        var segments = new List<string>();
        var i = 0;
        while (i < trimmed.Length)
        {
            if (trimmed[i] == '[')
            {
                var close = trimmed.IndexOf(']', i);
                if (close < 0 || !int.TryParse(trimmed[(i + 1)..close], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return false;
                }

                segments.Add(trimmed[i..(close + 1)]);
                i = close + 1;
            }
            else
            {
                var begin = i;
                while (i < trimmed.Length && trimmed[i] != '.' && trimmed[i] != '[')
                {
                    i++;
                }

                if (i == begin)
                {
                    return false;
                }

                segments.Add(trimmed[begin..i]);
            }

            if (i < trimmed.Length && trimmed[i] == '.')
            {
                i++;
                if (i == trimmed.Length)
                {
                    return false;
                }
            }
        }

        if (segments.Count == 0)
        {
            return false;
        }

        path = new JsonPath(text.Trim(), [.. segments]);
        return true;
    }

    /// <summary>Parses a path or throws <see cref="FormatException"/>.</summary>
    public static JsonPath Parse(string text) =>
        TryParse(text, out var path) ? path : throw new FormatException($"'{text}' is not a valid JSON path.");

    /// <summary>The element at this path, or null when any step is missing.</summary>
    public JsonElement? Select(JsonElement root)
    {
        var current = root;
        foreach (var segment in _segments)
        {
            if (segment[0] == '[')
            {
                var index = int.Parse(segment[1..^1], CultureInfo.InvariantCulture);
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[index];
            }
            else if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
