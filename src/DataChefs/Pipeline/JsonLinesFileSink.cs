using System.Text;
using System.Text.Json;

namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>
/// Appends rows as JSON lines to a file and flushes to disk before returning, so a batch is
/// durable when <see cref="WriteBatchAsync"/> completes. For tests and single-node tooling.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class JsonLinesFileSink<TRow>(string path) : IRowSink<TRow>
{
    /// <summary>The file written.</summary>
    public string Path { get; } = path;

    /// <inheritdoc />
    public async ValueTask WriteBatchAsync(ReadOnlyMemory<TRow> rows, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var row in rows.Span)
        {
            text.Append(JsonSerializer.Serialize(row)).Append('\n');
        }

        var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true);
        await using (stream)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>Reads every row back.</summary>
    public IReadOnlyList<TRow> ReadAll() =>
        File.Exists(Path)
            ? [.. File.ReadLines(Path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<TRow>(l)!)]
            : [];
}
