using System.Globalization;
using System.Runtime.CompilerServices;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;

namespace HttmOrleans.DataChefs.Csv;

/// <summary>One pass over a delimited file; records keep their starting line as position.</summary>
internal sealed class CsvSourceReader(StreamReader reader, CsvDialect dialect, List<string> notes) : ISourceReader
{
    /// <inheritdoc />
    public IReadOnlyList<string> Notes => notes;

    /// <inheritdoc />
    public long DuplicatesSkipped => 0;

    /// <inheritdoc />
    public bool CommitDue => false;

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceRecord> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parser = new CsvParser(reader, dialect.Delimiter, dialect.Quote);
        var fields = new List<string>();
        string[]? names = null;
        while (await parser.ReadRecordAsync(fields, cancellationToken))
        {
            var position = parser.RecordLine;
            if (names is null)
            {
                names = dialect.HasHeader ? HeaderNames(fields) : [.. Enumerable.Range(1, fields.Count).Select(i => $"column{i}")];
                if (dialect.HasHeader)
                {
                    continue;
                }
            }

            if (parser.RecordError is { } error)
            {
                yield return new SourceRecord(names, Pad(fields, names.Length), position) { Error = error };
            }
            else if (fields.Count != names.Length)
            {
                yield return new SourceRecord(names, Pad(fields, names.Length), position)
                {
                    Error = RejectionReasons.FieldCountMismatch,
                    ErrorDetail = $"expected {names.Length} fields, found {fields.Count}",
                };
            }
            else
            {
                yield return new SourceRecord(names, [.. fields], position);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask CommitAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        return ValueTask.CompletedTask;
    }

    // Blank names get a position name and repeated names a suffix, so every field stays addressable.
    private static string[] HeaderNames(List<string> header)
    {
        var names = new string[header.Count];
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (name.Length == 0)
            {
                name = $"column{i + 1}";
            }

            var unique = name;
            for (var n = 2; !seen.Add(unique); n++)
            {
                unique = $"{name}_{n}";
            }

            names[i] = unique;
        }

        return names;
    }

    // A sample of a bad row should still show what was there, aligned to the header.
    private static object?[] Pad(List<string> fields, int length)
    {
        var values = new object?[length];
        for (var i = 0; i < length && i < fields.Count; i++)
        {
            values[i] = fields[i];
        }

        return values;
    }
}
