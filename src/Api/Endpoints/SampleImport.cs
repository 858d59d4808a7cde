using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Training;
using ValidationException = HttmOrleans.Grains.ValidationException;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// Parses an uploaded CSV or JSONL file into samples. All or nothing by default: any bad row refuses the
/// whole file with the first errors by line, so a dataset never holds half an import. With
/// <c>skipInvalid</c> bad rows are left out instead, and counted and sampled in the result, never silently.
/// </summary>
internal static class SampleImport
{
    private const int MaxReportedErrors = 20;

    public static async Task<ImportedRows> ParseAsync(
        Stream body, string format, string kind, string? mapping, bool skipInvalid, CancellationToken ct)
    {
        var renames = ParseMapping(mapping);
        var rows = format switch
        {
            "csv" or "tsv" => await ReadCsvAsync(body, format == "tsv" ? "\t" : null),
            "jsonl" or "json" => await ReadJsonLinesAsync(body, ct),
            _ => throw new ValidationException("format", "Must be csv, tsv or jsonl."),
        };
        var interactions = new List<InteractionSample>();
        var pairs = new List<TextPairSample>();
        var errors = new List<FieldError>();
        var skipped = 0;
        foreach (var (line, raw) in rows)
        {
            var row = raw.ToDictionary(kv => renames.GetValueOrDefault(kv.Key, kv.Key), kv => kv.Value, StringComparer.OrdinalIgnoreCase);
            var sample = SampleParsing.FromColumns(row, kind, out var error);
            if (error is not null)
            {
                skipped++;
                if (errors.Count < MaxReportedErrors) errors.Add(new FieldError($"line {line}", error));
                else if (errors.Count == MaxReportedErrors) errors.Add(new FieldError("file", "More bad rows follow."));
                continue;
            }

            if (sample is InteractionSample i) interactions.Add(i);
            else pairs.Add((TextPairSample)sample!);
        }

        if (errors.Count > 0 && !skipInvalid) throw new ValidationException(errors);
        if (interactions.Count + pairs.Count == 0) throw new ValidationException("file", skipped > 0 ? $"No valid rows ({skipped} invalid)." : "No rows.");
        return new ImportedRows(interactions, pairs, skipped, errors);
    }

    /// <summary>Both seed syntaxes: <c>userId->user_id,productId->item_id</c> and <c>userId:user_id</c>.</summary>
    public static Dictionary<string, string> ParseMapping(string? mapping)
    {
        var renames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(mapping)) return renames;
        foreach (var pair in mapping.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Contains("->", StringComparison.Ordinal) ? pair.Split("->") : pair.Split(':');
            if (parts.Length != 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
                throw new ValidationException("mapping", $"'{pair}' is not 'from->to' or 'from:to'.");
            renames[parts[0].Trim()] = parts[1].Trim();
        }

        return renames;
    }

    private static async Task<List<(int Line, Dictionary<string, string?> Row)>> ReadCsvAsync(Stream body, string? delimiter)
    {
        var rows = new List<(int, Dictionary<string, string?>)>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = delimiter is null,
            Delimiter = delimiter ?? ",",
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
        };
        using var reader = new StreamReader(body, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, config);
        if (!await csv.ReadAsync() || !csv.ReadHeader()) return rows;
        var header = csv.HeaderRecord!;
        while (await csv.ReadAsync())
        {
            var row = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++) row[header[i]] = csv.TryGetField<string>(i, out var v) ? v : null;
            rows.Add((csv.Parser.Row, row));
        }

        return rows;
    }

    private static async Task<List<(int Line, Dictionary<string, string?> Row)>> ReadJsonLinesAsync(Stream body, CancellationToken ct)
    {
        var rows = new List<(int, Dictionary<string, string?>)>();
        using var reader = new StreamReader(body);
        var number = 0;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonElement element;
            try
            {
                element = JsonDocument.Parse(text).RootElement;
            }
            catch (JsonException e)
            {
                throw new ValidationException($"line {number}", $"Not JSON: {e.Message}");
            }

            if (element.ValueKind != JsonValueKind.Object) throw new ValidationException($"line {number}", "Each line must be a JSON object.");
            rows.Add((number, element.EnumerateObject().ToDictionary(p => p.Name,
                p => p.Value.ValueKind switch { JsonValueKind.String => p.Value.GetString(), JsonValueKind.Null => null, _ => p.Value.GetRawText() },
                StringComparer.OrdinalIgnoreCase)));
        }

        return rows;
    }
}
