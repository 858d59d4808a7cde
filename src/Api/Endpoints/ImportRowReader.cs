using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using HttmOrleans.Grains;
using ValidationException = HttmOrleans.Grains.ValidationException;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// Reads a CSV/TSV or JSONL import one row at a time into the sample columns, after the client's renames.
/// Memory is the reader's buffer and one row: no row is kept once the next is read, whatever the file size.
/// </summary>
internal static class ImportRowReader
{
    /// <summary>The columns a sample may use, in <see cref="ImportRow.Fields"/> order.</summary>
    public static readonly string[] Columns = ["user_id", "item_id", "rating", "timestamp", "document", "summary"];

    // Longer than any sensible row; a larger one is a quote left open or not a text file, refused rather than held.
    private const int MaxRowChars = 4 * 1024 * 1024;

    public static IAsyncEnumerable<ImportRow> ReadAsync(Stream body, string format, IReadOnlyDictionary<string, string> renames, CancellationToken ct) =>
        format switch
        {
            "csv" or "tsv" => ReadCsvAsync(body, format == "tsv" ? "\t" : null, renames, ct),
            "jsonl" or "json" => ReadJsonLinesAsync(body, renames, ct),
            _ => throw new ValidationException("format", "Must be csv, tsv or jsonl."),
        };

    private static async IAsyncEnumerable<ImportRow> ReadCsvAsync(Stream body, string? delimiter, IReadOnlyDictionary<string, string> renames,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = delimiter is null,
            Delimiter = delimiter ?? ",",
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
            MaxFieldSize = MaxRowChars,
        };
        using var reader = new StreamReader(body, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, config);
        if (!await Csv(() => csv.ReadAsync(), 1) || !csv.ReadHeader()) yield break;
        var positions = Positions(csv.HeaderRecord!, renames);
        var fields = new string?[Columns.Length];
        while (await Csv(() => csv.ReadAsync(), csv.Parser.Row))
        {
            ct.ThrowIfCancellationRequested();
            for (var c = 0; c < fields.Length; c++)
                fields[c] = positions[c] >= 0 && csv.TryGetField<string>(positions[c], out var value) ? value : null;
            yield return new ImportRow(csv.Parser.Row, fields, null);
        }
    }

    private static async IAsyncEnumerable<ImportRow> ReadJsonLinesAsync(Stream body, IReadOnlyDictionary<string, string> renames,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(body);
        var lines = new BoundedLineReader(reader, MaxRowChars);
        var fields = new string?[Columns.Length];
        var line = new StringBuilder();
        var number = 0L;
        while (await lines.ReadLineAsync(line, ct))
        {
            number++;
            if (IsBlank(line)) continue;
            Array.Clear(fields);
            var error = Fill(line.ToString(), renames, fields);
            yield return new ImportRow(number, fields, error);
        }
    }

    private static string? Fill(string text, IReadOnlyDictionary<string, string> renames, string?[] fields)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return $"Not JSON: {e.Message}";
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return "Each line must be a JSON object.";
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var column = Array.FindIndex(Columns, c => c.Equals(renames.GetValueOrDefault(property.Name, property.Name), StringComparison.OrdinalIgnoreCase));
                if (column < 0) continue;
                fields[column] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => property.Value.GetRawText(),
                };
            }

            return null;
        }
    }

    // Where each sample column sits in the header after renames; two columns landing on one name are refused, not guessed.
    private static int[] Positions(string[] header, IReadOnlyDictionary<string, string> renames)
    {
        var positions = Enumerable.Repeat(-1, Columns.Length).ToArray();
        for (var i = 0; i < header.Length; i++)
        {
            var name = renames.GetValueOrDefault(header[i], header[i]);
            var column = Array.FindIndex(Columns, c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (column < 0) continue;
            if (positions[column] >= 0)
                throw new ValidationException(renames.Count > 0 ? "mapping" : "file",
                    $"Columns {positions[column] + 1} and {i + 1} of the header both give '{Columns[column]}'.");
            positions[column] = i;
        }

        return positions;
    }

    private static async Task<bool> Csv(Func<Task<bool>> read, long line)
    {
        try
        {
            return await read();
        }
        catch (CsvHelperException e)
        {
            throw new ValidationException($"line {line}", $"Not readable as CSV: {e.GetType().Name.Replace("Exception", "", StringComparison.Ordinal)}.");
        }
    }

    private static bool IsBlank(StringBuilder line)
    {
        foreach (var chunk in line.GetChunks())
            if (!chunk.Span.IsWhiteSpace()) return false;
        return true;
    }
}
