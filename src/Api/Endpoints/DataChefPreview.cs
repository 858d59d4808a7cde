using HttmOrleans.DataChefs;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Features;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.Grains;

namespace HttmOrleans.Api.Endpoints;

/// <summary>
/// A preview run in the API process: the first N records through the mapping, the detected columns and
/// the validation report, under a timeout. Nothing is stored. A RabbitMQ preview takes messages
/// without acknowledging them, so closing it hands every one back to the queue (redelivered) for the
/// next materialization; the library acknowledges only a copy whose id is already stored.
/// </summary>
internal static class DataChefPreview
{
    public static async Task<IResult> RunAsync(
        SourceDefinition definition, string? mapping, DatasetKind kind, SourceEnvironment environment, int? n, int? timeoutSeconds, CancellationToken ct,
        Grains.DataChefs.FeatureOptions? featureOptions = null)
    {
        var rows = n ?? 20;
        if (rows is < 1 or > 1000) throw new ValidationException("n", "Must be between 1 and 1000.");
        var seconds = timeoutSeconds ?? 30;
        if (seconds is < 1 or > 300) throw new ValidationException("timeout_seconds", "Must be between 1 and 300.");
        var source = DataSourceFactory.Create(definition, environment);
        var columns = ColumnMapping.Parse(mapping, kind);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            if (kind == DatasetKind.TextPairs)
            {
                var pairs = await new SourcePipeline<TextPairRow>(source, columns, new TextPairCoercer()).PreviewAsync(rows, timeout.Token);
                return Results.Ok(Shape(definition, kind, rows, pairs.Columns, pairs.Report, pairs.Rows.Select(r => new { document = r.Document, summary = r.Summary })));
            }

            if (kind == DatasetKind.Features)
            {
                // Types are judged value by value here: a preview reads the source once.
                var features = await new SourcePipeline<FeatureRows>(source, columns, new FeatureCoercer(FeatureConversion.Parse(featureOptions?.Types, featureOptions?.Buckets, featureOptions?.Separator))).PreviewAsync(rows, timeout.Token);
                return Results.Ok(Shape(definition, kind, rows, features.Columns, features.Report,
                    features.Rows.SelectMany(r => r.Samples).Select(f => new { entity_id = f.EntityId, feature = f.Feature, value = f.Value })));
            }

            var interactions = await new SourcePipeline<InteractionRow>(source, columns, new InteractionCoercer()).PreviewAsync(rows, timeout.Token);
            return Results.Ok(Shape(definition, kind, rows, interactions.Columns, interactions.Report,
                interactions.Rows.Select(r => new { user_id = r.UserId, item_id = r.ItemId, rating = r.Rating, timestamp = r.TimestampUnixMs })));
        }
        catch (Exception e) when ((e is OperationCanceledException or SourceReadException) && timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return Results.Problem(statusCode: StatusCodes.Status504GatewayTimeout, title: "Preview timed out",
                detail: $"The {definition.Kind} source gave no preview of {rows} record(s) within timeout_seconds={seconds}; the read was cancelled. Ask for fewer rows or a longer timeout_seconds.",
                extensions: new Dictionary<string, object?> { ["timeout_seconds"] = seconds });
        }
        catch (SourceReadException e)
        {
            // The 502's detail: a driver's message may quote the connection string or URL it was given.
            throw new SourceReadException(Secrets.Scrub(e.Message, definition.SecretValues()));
        }
    }

    private static object Shape<TRow>(SourceDefinition definition, DatasetKind kind, int requested, IReadOnlyList<DetectedColumn> columns, ValidationReport report, IEnumerable<TRow> rows) => new
    {
        source_kind = definition.Kind,
        dataset_kind = kind.Name,
        requested,
        rows = rows.ToList(),
        columns,
        report,
    };
}
