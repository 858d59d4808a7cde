using System.Globalization;
using System.Text;

namespace HttmOrleans.DataChefs.Csv;

/// <summary>Guesses the encoding, delimiter and header of a delimited file from its start.</summary>
internal static class CsvSniffer
{
    private const int SampleChars = 64 * 1024;
    private const int SampleRecords = 50;
    private const int MaxHeaderNameLength = 64;

    /// <summary>The encoding a BOM announces, or null.</summary>
    public static (Encoding Encoding, string Name)? EncodingFromBom(ReadOnlySpan<byte> start) => start switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(false), "utf-8 with BOM"),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, "utf-16le with BOM"),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, "utf-16be with BOM"),
        _ => null,
    };

    /// <summary>Reads the first 64 KiB characters; the flag says whether the sample stops mid-file.</summary>
    public static async Task<(string Sample, bool Truncated)> ReadSampleAsync(TextReader reader, CancellationToken cancellationToken)
    {
        var buffer = new char[SampleChars];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                return (new string(buffer, 0, read), false);
            }

            read += n;
        }

        return (new string(buffer, 0, read), true);
    }

    /// <summary>
    /// The delimiter whose records have the most consistent field count above one, ties broken
    /// by the larger count. A file with one column gets <paramref name="fallback"/>.
    /// </summary>
    public static async Task<char> DetectDelimiterAsync(string sample, bool truncated, char quote, char fallback, CancellationToken cancellationToken)
    {
        var best = fallback;
        var bestScore = (Consistency: 0.0, Count: 1);
        foreach (var candidate in CsvDialect.CandidateDelimiters)
        {
            var records = await ParseSampleAsync(sample, truncated, candidate, quote, cancellationToken);
            if (records.Count == 0)
            {
                continue;
            }

            var (count, frequency) = records.GroupBy(r => r.Count).Select(g => (g.Key, g.Count())).MaxBy(g => (g.Item2, g.Key));
            var consistency = (double)frequency / records.Count;
            if (count > 1 && (consistency > bestScore.Consistency || (consistency == bestScore.Consistency && count > bestScore.Count)))
            {
                best = candidate;
                bestScore = (consistency, count);
            }
        }

        return best;
    }

    /// <summary>
    /// A first record is a header when its fields are short, distinct, not blank and not numbers;
    /// data rows of interactions always carry a number or a date somewhere.
    /// </summary>
    public static async Task<bool> DetectHeaderAsync(string sample, bool truncated, char delimiter, char quote, CancellationToken cancellationToken)
    {
        var records = await ParseSampleAsync(sample, truncated, delimiter, quote, cancellationToken);
        if (records.Count == 0)
        {
            return true;
        }

        var first = records[0];
        return first.All(f => f.Trim().Length is > 0 and <= MaxHeaderNameLength)
            && first.Distinct(StringComparer.OrdinalIgnoreCase).Count() == first.Count
            && !first.Any(f => double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
    }

    private static async Task<List<List<string>>> ParseSampleAsync(
        string sample, bool truncated, char delimiter, char quote, CancellationToken cancellationToken)
    {
        var parser = new CsvParser(new StringReader(sample), delimiter, quote);
        var records = new List<List<string>>();
        var fields = new List<string>();
        while (records.Count < SampleRecords && await parser.ReadRecordAsync(fields, cancellationToken))
        {
            records.Add([.. fields]);
        }

        // The last record of a cut sample is probably cut too.
        if (truncated && records.Count is > 1 and < SampleRecords)
        {
            records.RemoveAt(records.Count - 1);
        }

        return records;
    }
}
