using System.Text;
using System.Text.Json;

namespace HttmOrleans.Summarization;

/// <summary>The trainer's data format: JSON lines of <c>{"document": …, "summary": …}</c>.</summary>
public static class TextPairFile
{
    private sealed record Line(string Document, string Summary);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes <paramref name="pairs"/> to <paramref name="path"/> (UTF-8, no BOM).</summary>
    public static async Task WriteAsync(string path, IEnumerable<TextPair> pairs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        await using var writer = OpenWriter(path);
        foreach (var pair in pairs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await WriteLineAsync(writer, pair);
        }
    }

    /// <summary>A UTF-8 (no BOM) writer for <see cref="WriteLineAsync"/>, for callers that stream pairs.</summary>
    internal static StreamWriter OpenWriter(string path) => new(path, append: false, new UTF8Encoding(false));

    /// <summary>Writes one pair as one line.</summary>
    internal static Task WriteLineAsync(StreamWriter writer, TextPair pair) =>
        writer.WriteLineAsync(JsonSerializer.Serialize(new Line(pair.Document, pair.Summary), Json));

    /// <summary>Reads pairs; extra fields (such as XSum's <c>id</c>) are ignored.</summary>
    public static async Task<List<TextPair>> ReadAsync(string path, int limit = 0, CancellationToken cancellationToken = default)
    {
        var pairs = new List<TextPair>();
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var row = JsonSerializer.Deserialize<Line>(line, Json)
                ?? throw new InvalidDataException($"{path}: a line is null");
            pairs.Add(new TextPair(row.Document ?? "", row.Summary ?? ""));
            if (limit > 0 && pairs.Count >= limit)
                break;
        }
        return pairs;
    }
}
