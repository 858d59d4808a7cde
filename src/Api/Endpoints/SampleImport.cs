using System.Runtime.CompilerServices;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// Turns an uploaded CSV or JSONL file into batches of samples for <see cref="DatasetStore"/>, which writes them in
/// one transaction. All or nothing by default: any bad row refuses the whole file with the first errors by line
/// (the iterator throws, the transaction rolls back), so a dataset never holds half an import. With
/// <c>skipInvalid</c> bad rows are left out instead, and counted and sampled in the tally, never silently.
/// One batch array is reused: memory is a batch of rows, whatever the file size.
/// </summary>
internal static class SampleImport
{
    /// <summary>Rows per write; the same as a data chef's pipeline.</summary>
    public const int BatchSize = 5_000;

    public static IAsyncEnumerable<ReadOnlyMemory<InteractionSample>> InteractionsAsync(
        Stream body, string format, IReadOnlyDictionary<string, string> renames, bool skipInvalid, ImportTally tally, CancellationToken ct) =>
        BatchesAsync(body, format, renames, skipInvalid, tally, static (string?[] f, out InteractionSample sample, out string? error) =>
            SampleParsing.TryInteraction(f[0], f[1], f[2], f[3], out sample, out error), ct);

    public static IAsyncEnumerable<ReadOnlyMemory<TextPairSample>> TextPairsAsync(
        Stream body, string format, IReadOnlyDictionary<string, string> renames, bool skipInvalid, ImportTally tally, CancellationToken ct) =>
        BatchesAsync(body, format, renames, skipInvalid, tally, static (string?[] f, out TextPairSample sample, out string? error) =>
        {
            var ok = SampleParsing.TryTextPair(f[4], f[5], out var pair, out error);
            sample = pair!;
            return ok;
        }, ct);

    private delegate bool RowParser<T>(string?[] fields, out T sample, out string? error);

    private static async IAsyncEnumerable<ReadOnlyMemory<T>> BatchesAsync<T>(
        Stream body, string format, IReadOnlyDictionary<string, string> renames, bool skipInvalid, ImportTally tally, RowParser<T> parse,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var batch = new T[BatchSize];
        var count = 0;
        await foreach (var row in ImportRowReader.ReadAsync(body, format, renames, ct))
        {
            string? error = row.Error;
            if (error is null && parse(row.Fields, out var sample, out error))
            {
                tally.Accept();
                batch[count++] = sample;
                if (count < BatchSize) continue;
                // Once a row is refused (without skip) the import is lost: stop handing batches over, keep counting.
                if (skipInvalid || tally.Skipped == 0) yield return batch;
                // Drop the references, so the batch does not keep the last texts alive.
                Array.Clear(batch);
                count = 0;
            }
            else
            {
                tally.Reject(row.Line, error!);
                if (!skipInvalid && tally.Full) break;
            }
        }

        Finish(tally, skipInvalid);
        if (count > 0) yield return batch.AsMemory(0, count);
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

    // Thrown before the last batch is handed over: the store's transaction then rolls back, nothing is kept.
    private static void Finish(ImportTally tally, bool skipInvalid)
    {
        if (tally.Skipped > 0 && !skipInvalid) throw tally.Refusal();
        if (tally.Accepted == 0) throw new ValidationException("file", tally.Skipped > 0 ? $"No valid rows ({tally.Skipped} invalid)." : "No rows.");
    }
}
