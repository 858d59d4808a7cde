using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using HttmOrleans.DataChefs.Features;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Datasets;
using ValidationException = HttmOrleans.Grains.ValidationException;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// Imports a features dataset from a spooled CSV/TSV or JSONL file: long rows (<c>entity_id,feature,value</c>) or a
/// wide table whose id column is mapped to <c>entity_id</c> (<see cref="WideFeatureConverter"/>). The file is read twice:
/// first to infer each column's type from all of its values, then to convert and store, all in one transaction and
/// with bad rows refused or skipped per line as for the other kinds.
/// </summary>
internal static class FeatureImport
{
    private const int MaxRowChars = 4 * 1024 * 1024;

    /// <summary>A row by its column names (after renames); <see cref="Values"/> is reused for the next row.</summary>
    private readonly record struct WideRow(long Line, string[] Names, string?[] Values, string? Error);

    public static async Task<(long Imported, IReadOnlyDictionary<string, string> Types)> RunAsync(
        string id, FileStream file, string format, IReadOnlyDictionary<string, string> renames, FeatureConversion conversion, bool skipInvalid,
        ImportTally tally, DatasetStore store, CancellationToken ct)
    {
        var converter = new WideFeatureConverter(conversion);
        var columns = new List<string>();
        await foreach (var row in ReadAsync(file, format, renames, conversion.Separator, ct))
        {
            if (row.Error is not null) continue;
            for (var c = 0; c < row.Names.Length; c++)
            {
                if (IsKeyColumn(row.Names[c])) continue;
                if (!columns.Contains(row.Names[c], StringComparer.OrdinalIgnoreCase)) columns.Add(row.Names[c]);
                converter.Observe(row.Names[c], row.Values[c]);
            }
        }

        file.Position = 0;
        var imported = await store.ImportFeaturesAsync(id, BatchesAsync(file, format, renames, converter, skipInvalid, tally, ct), ct);
        return (imported, converter.Describe(columns));
    }

    private static bool IsKeyColumn(string name) =>
        name.Equals(WideFeatureConverter.EntityColumn, StringComparison.OrdinalIgnoreCase)
        || name.Equals(WideFeatureConverter.FeatureColumn, StringComparison.OrdinalIgnoreCase)
        || name.Equals(WideFeatureConverter.ValueColumn, StringComparison.OrdinalIgnoreCase);

    private static async IAsyncEnumerable<ReadOnlyMemory<FeatureSample>> BatchesAsync(
        Stream body, string format, IReadOnlyDictionary<string, string> renames, WideFeatureConverter converter, bool skipInvalid, ImportTally tally,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var batch = new List<FeatureSample>(SampleImport.BatchSize);
        var rowFeatures = new List<FeatureSample>();
        await foreach (var row in ReadAsync(body, format, renames, converter.Conversion.Separator, ct))
        {
            rowFeatures.Clear();
            var error = row.Error ?? Convert(row, converter, rowFeatures);
            if (error is null)
            {
                tally.Accept();
                batch.AddRange(rowFeatures);
                if (batch.Count < SampleImport.BatchSize) continue;
                // Once a row is refused (without skip) the import is lost: stop handing batches over, keep counting.
                if (skipInvalid || tally.Skipped == 0) yield return batch.ToArray();
                batch.Clear();
            }
            else
            {
                tally.Reject(row.Line, error);
                if (!skipInvalid && tally.Full) break;
            }
        }

        if (tally.Skipped > 0 && !skipInvalid) throw tally.Refusal();
        if (tally.Accepted == 0) throw new ValidationException("file", tally.Skipped > 0 ? $"No valid rows ({tally.Skipped} invalid)." : "No rows.");
        if (batch.Count > 0) yield return batch.ToArray();
    }

    private static string? Convert(WideRow row, WideFeatureConverter converter, List<FeatureSample> into)
    {
        var entity = Find(row, WideFeatureConverter.EntityColumn);
        var feature = Find(row, WideFeatureConverter.FeatureColumn);
        if (feature >= 0)
        {
            var value = Find(row, WideFeatureConverter.ValueColumn);
            if (!WideFeatureConverter.TryLongRow(entity < 0 ? null : row.Values[entity], row.Values[feature], value < 0 ? null : row.Values[value], out var sample, out var longError))
                return longError;
            into.Add(sample);
            return null;
        }

        if (entity < 0) return "no entity_id column (map the id column onto it, e.g. mapping=user_id->entity_id)";
        if (!WideFeatureConverter.TryEntity(row.Values[entity], out var id, out var error)) return error;
        for (var c = 0; c < row.Names.Length; c++)
        {
            if (c == entity || IsKeyColumn(row.Names[c])) continue;
            if (!converter.TryAddCell(id, row.Names[c], row.Values[c], into, out error)) return error;
        }

        return null;
    }

    private static int Find(WideRow row, string column) =>
        Array.FindIndex(row.Names, n => n.Equals(column, StringComparison.OrdinalIgnoreCase));

    private static IAsyncEnumerable<WideRow> ReadAsync(Stream body, string format, IReadOnlyDictionary<string, string> renames, string? separator, CancellationToken ct) =>
        format switch
        {
            "csv" or "tsv" => ReadCsvAsync(body, format == "tsv" ? "\t" : null, renames, ct),
            _ => ReadJsonLinesAsync(body, renames, separator ?? FeatureConversion.DefaultSeparator, ct),
        };

    private static async IAsyncEnumerable<WideRow> ReadCsvAsync(Stream body, string? delimiter, IReadOnlyDictionary<string, string> renames,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = delimiter is null, Delimiter = delimiter ?? ",", BadDataFound = null, MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim, MaxFieldSize = MaxRowChars,
        };
        using var reader = new StreamReader(body, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var csv = new CsvReader(reader, config);
        if (!await Csv(() => csv.ReadAsync(), 1) || !csv.ReadHeader()) yield break;
        var names = csv.HeaderRecord!.Select(h => renames.GetValueOrDefault(h, h)).ToArray();
        var duplicate = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ValidationException(renames.Count > 0 ? "mapping" : "file", $"Two columns of the header are named '{duplicate.Key}'.");
        var values = new string?[names.Length];
        while (await Csv(() => csv.ReadAsync(), csv.Parser.Row))
        {
            ct.ThrowIfCancellationRequested();
            for (var c = 0; c < values.Length; c++) values[c] = csv.TryGetField<string>(c, out var value) ? value : null;
            yield return new WideRow(csv.Parser.Row, names, values, null);
        }
    }

    private static async IAsyncEnumerable<WideRow> ReadJsonLinesAsync(Stream body, IReadOnlyDictionary<string, string> renames, string separator,
        [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(body, leaveOpen: true);
        var lines = new BoundedLineReader(reader, MaxRowChars);
        var line = new StringBuilder();
        var number = 0L;
        while (await lines.ReadLineAsync(line, ct))
        {
            number++;
            var text = line.ToString();
            if (string.IsNullOrWhiteSpace(text)) continue;
            yield return Parse(number, text, renames, separator);
        }
    }

    // A JSON array is a multi-valued cell: its elements joined by the separator, split again by the converter.
    private static WideRow Parse(long line, string text, IReadOnlyDictionary<string, string> renames, string separator)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return new WideRow(line, [], [], "Each line must be a JSON object.");
            var names = new List<string>();
            var values = new List<string?>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                names.Add(renames.GetValueOrDefault(property.Name, property.Name));
                values.Add(property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    JsonValueKind.Array => string.Join(separator, property.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
                    _ => property.Value.GetRawText(),
                });
            }

            return new WideRow(line, [.. names], [.. values], null);
        }
        catch (JsonException e)
        {
            return new WideRow(line, [], [], $"Not JSON: {e.Message}");
        }
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
}
