using HttmOrleans.Api.Infrastructure;
using HttmOrleans.DataChefs.Features;
using HttmOrleans.Grains.Training;
using HttmOrleans.Grains;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Jobs;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// <c>POST /api/v1/datasets/{id}/import</c>. The body (raw, or the first multipart file) is first streamed to a
/// scratch file under <c>{data}/tmp</c>, bounded by <see cref="UploadOptions.MaxBytes"/>; then it is parsed and
/// written batch by batch inside one transaction. Spooling first keeps a slow client from holding that
/// transaction (on SQLite, the node's single write gate) open for as long as it takes to send, and means a body
/// refused for its size never reaches the database. Memory stays at one batch of rows whatever the file size.
/// </summary>
internal static class DatasetImport
{
    public static async Task<IResult> RunAsync(string id, HttpRequest request, IGrainFactory grains, DatasetStore store, GrainsOptions options,
        UploadOptions limits, CancellationToken ct)
    {
        var dataset = await DatasetEndpoints.Require(grains, id);
        var format = request.Query["format"].ToString() is { Length: > 0 } f ? f.ToLowerInvariant() : GuessFormat(request);
        if (format is not ("csv" or "tsv" or "jsonl" or "json")) throw new ValidationException("format", "Must be csv, tsv or jsonl.");
        var onError = request.Query["on_error"].ToString() is { Length: > 0 } o ? o.ToLowerInvariant() : "refuse";
        if (onError is not ("refuse" or "skip")) throw new ValidationException("on_error", "Must be refuse (the default: any bad row refuses the file) or skip.");
        var renames = SampleImport.ParseMapping(request.Query["mapping"]);
        var conversion = dataset.Kind == DatasetKinds.Features ? Conversion(request) : null;

        var (fileName, body) = await UploadBody.OpenAsync(request, limits.MaxBytes, ct);
        if (request.Query["format"].Count == 0 && fileName?.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) == true) format = "jsonl";
        var scratch = Path.Combine(options.DataDirectory, "tmp");
        Directory.CreateDirectory(scratch);
        var spool = Path.Combine(scratch, $"import-{Guid.NewGuid():N}.part");
        var tally = new ImportTally();
        long imported;
        IReadOnlyDictionary<string, string>? types = null;
        try
        {
            await UploadBody.CopyToFileAsync(body, spool, request, ct);
            await using var file = new FileStream(spool, FileMode.Open, FileAccess.Read, FileShare.Delete, 1 << 16,
                FileOptions.Asynchronous | FileOptions.SequentialScan | FileOptions.DeleteOnClose);
            if (conversion is not null)
                (imported, types) = await FeatureImport.RunAsync(id, file, format, renames, conversion, onError == "skip", tally, store, ct);
            else
            {
                imported = dataset.Kind == DatasetKinds.TextPairs
                    ? await store.ImportTextPairsAsync(id, SampleImport.TextPairsAsync(file, format, renames, onError == "skip", tally, ct), ct)
                    : await store.ImportInteractionsAsync(id, SampleImport.InteractionsAsync(file, format, renames, onError == "skip", tally, ct), ct);
            }
        }
        finally
        {
            File.Delete(spool);
        }

        if (types is not null)
        {
            // Features: imported counts feature rows; rows_accepted the file's rows they came from.
            return Results.Ok(new
            {
                dataset_id = id, format, imported, rows_accepted = tally.Accepted, skipped = tally.Skipped, column_types = types,
                skipped_rows = tally.Errors.Select(e => new { at = e.Field, reason = e.Reason }),
                skipped_rows_listed_at_most = ImportTally.MaxReported,
                skipped_rows_truncated = tally.Truncated,
            });
        }

        return Results.Ok(new
        {
            dataset_id = id, format, imported, skipped = tally.Skipped,
            skipped_rows = tally.Errors.Select(e => new { at = e.Field, reason = e.Reason }),
            skipped_rows_listed_at_most = ImportTally.MaxReported,
            skipped_rows_truncated = tally.Truncated,
        });
    }

    private static FeatureConversion Conversion(HttpRequest request)
    {
        var errors = FeatureConversion.TryParse(request.Query["types"], request.Query["buckets"],
            request.Query["separator"].Count == 0 ? null : request.Query["separator"].ToString(), out var conversion);
        return errors.Count == 0 ? conversion : throw new ValidationException([.. errors.Select(e => new FieldError(e.Field, e.Reason))]);
    }

    private static string GuessFormat(HttpRequest request) =>
        request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true ? "jsonl"
        : request.ContentType?.Contains("tab-separated", StringComparison.OrdinalIgnoreCase) == true ? "tsv" : "csv";
}
