using System.Text.Json;
using System.Text.Json.Nodes;
using HttmOrleans.DataChefs;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.DataChefs.Queue;
using HttmOrleans.DataChefs.Snapshots;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Runtime;
using HttmOrleans.Runtime.Storage;

namespace HttmOrleans.Grains;

/// <summary>
/// Runs a data chef's materialization on a silo: reserves a snapshot number, streams the source
/// through the mapping into the snapshot tables, and records the snapshot with its validation
/// report. On any failure the partial rows are deleted and the previous snapshot stays the latest.
/// </summary>
public sealed class MaterializeJobHandler(IGrainFactory grains, HttmDatabase db, GrainsOptions options) : IJobHandler
{
    // Clients write "kind" wherever they like in the object; the discriminator need not come first.
    private static readonly JsonSerializerOptions DefinitionJson = new() { AllowOutOfOrderMetadataProperties = true };

    public string Kind => MaterializeJob.Kind;

    public async Task<string?> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var job = JsonSerializer.Deserialize<MaterializeJob>(context.Payload, RuntimeJson.Options)!;
        var definition = Definition(job.SourceType, JsonNode.Parse(job.SourceJson)!.AsObject());
        var environment = Environment(options, db, job.ChefId);
        definition.EnsureValid(environment);
        var source = DataSourceFactory.Create(definition, environment);
        var dataset = grains.GetGrain<IDatasetGrain>(job.DatasetId);
        if (await dataset.Get() is null) throw new InvalidOperationException($"Dataset '{job.DatasetId}' no longer exists.");
        var number = await dataset.ReserveSnapshot();
        await context.ReportProgressAsync(0, $"reading {definition.Kind} into snapshot {number}", force: true);
        try
        {
            ValidationReport report;
            long rows;
            if (job.DatasetKind == DatasetKinds.TextPairs)
            {
                await using var sink = SnapshotSinks.TextPairs(db, job.DatasetId, number, new SnapshotSinkOptions { MessageScope = "chef:" + job.ChefId });
                report = await new SourcePipeline<TextPairRow>(source, ColumnMapping.Parse(job.Mapping, DatasetKind.TextPairs), new TextPairCoercer())
                    .MaterializeAsync(sink, cancellationToken);
                rows = sink.RowsWritten;
            }
            else
            {
                await using var sink = SnapshotSinks.Interactions(db, job.DatasetId, number, new SnapshotSinkOptions { MessageScope = "chef:" + job.ChefId });
                report = await new SourcePipeline<InteractionRow>(source, ColumnMapping.Parse(job.Mapping, DatasetKind.Interactions), new InteractionCoercer())
                    .MaterializeAsync(sink, cancellationToken);
                rows = sink.RowsWritten;
            }

            var reportJson = JsonSerializer.Serialize(report, RuntimeJson.Options);
            if (rows == 0) throw new InvalidOperationException($"The source gave no usable rows ({report.RowsRead} read, {report.Rejected} rejected); the previous snapshot stays the latest.");
            await dataset.CommitSnapshot(number, rows, -1, "data-chef:" + job.ChefId, reportJson);
            return JsonSerializer.Serialize(new MaterializeJobResult(number, report.RowsRead, report.Accepted, report.Rejected, reportJson), RuntimeJson.Options);
        }
        catch
        {
            await SnapshotSinks.DeleteAsync(db, job.DatasetId, number, CancellationToken.None);
            await dataset.AbandonSnapshot(number, "materialization failed");
            throw;
        }
    }

    /// <summary>The stored source as a definition; older CSV chefs stored <c>file_path</c> without a kind.</summary>
    public static SourceDefinition Definition(string sourceType, JsonObject source)
    {
        var copy = (JsonObject)source.DeepClone();
        if (copy["kind"] is null)
        {
            copy.Insert(0, "kind", sourceType switch { "api" => "rest", "message_queue" => "rabbitmq", var other => other });
        }

        if (copy["file_path"] is { } path && copy["path"] is null)
        {
            copy.Remove("file_path");
            copy["path"] = path;
        }

        return copy.Deserialize<SourceDefinition>(DefinitionJson)
            ?? throw new ValidationException("source", "Empty source definition.");
    }

    /// <summary>
    /// What a chef's source may touch on this node: server files under the data folder, uploads
    /// under its <c>uploads</c> folder, and the processed-message log in the database, which the
    /// snapshot sinks write in the same transaction as the rows, so a redelivered message whose
    /// rows are stored is skipped even by a later materialization.
    /// </summary>
    public static SourceEnvironment Environment(GrainsOptions options, HttmDatabase db, string chefId) => new()
    {
        DataRoot = Path.GetFullPath(options.DataDirectory),
        UploadRoot = UploadRoot(options),
        MessageLog = new DatabaseProcessedMessageLog(SnapshotDatabase.From(db)),
        MessageScope = "chef:" + chefId,
    };

    /// <summary>Where uploaded source files live: <c>{data}/uploads</c>, one file per upload id.</summary>
    public static string UploadRoot(GrainsOptions options) => Path.GetFullPath(Path.Combine(options.DataDirectory, "uploads"));
}
