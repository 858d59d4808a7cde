using System.Text.Json;
using System.Text.Json.Nodes;
using HttmOrleans.DataChefs;
using HttmOrleans.DataChefs.Definitions;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.DataChefs.Queue;
using HttmOrleans.DataChefs.Rest;
using HttmOrleans.DataChefs.Snapshots;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Grains.Jobs;
using HttmOrleans.Storage;

namespace HttmOrleans.Grains;

/// <summary>
/// Runs a data chef's materialization on a silo: reserves a snapshot number, streams the source
/// through the mapping into the snapshot tables, and records the snapshot with its validation
/// report. CSV, SQL and REST sources replace: the snapshot is what the source holds now, and on
/// any failure its partial rows are deleted. A message queue appends: the snapshot is the
/// dataset's latest committed one plus the newly acknowledged messages, a failure after some
/// acknowledgements still commits what was stored (those messages are gone from the queue), and
/// a drain that finds no new row leaves the latest snapshot as it is (see docs/datachefs.md).
/// </summary>
public sealed class MaterializeJobHandler(IGrainFactory grains, HttmDatabase db, GrainsOptions options) : IJobHandler
{
    // Clients write "kind" wherever they like in the object; the discriminator need not come first.
    private static readonly JsonSerializerOptions DefinitionJson = new() { AllowOutOfOrderMetadataProperties = true };

    public string Kind => MaterializeJob.Kind;

    public async Task<string?> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var job = JsonSerializer.Deserialize<MaterializeJob>(context.Payload, GrainJson.Options)!;
        DataChefSecretBox.LoadKey(options);
        var definition = Definition(job.SourceType, JsonNode.Parse(job.SourceJson)!.AsObject());
        try
        {
            return await RunAsync(context, job, definition, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The error is stored on the job and the chef, shown by /api/v1/jobs and logged: a driver's
            // message may quote the connection string or URL, so it leaves without them and without the
            // inner exceptions that could carry them.
            var message = Secrets.Scrub(e.Message, definition.SecretValues());
            if (message == e.Message && e is not SourceReadException) throw;
            throw e is SourceReadException ? new SourceReadException(message) : new InvalidOperationException(message);
        }
    }

    private async Task<string?> RunAsync(JobContext context, MaterializeJob job, SourceDefinition definition, CancellationToken cancellationToken)
    {
        var environment = Environment(options, db, job.ChefId);
        definition.EnsureValid(environment);
        var source = DataSourceFactory.Create(definition, environment);
        var dataset = grains.GetGrain<IDatasetGrain>(job.DatasetId);
        if (await dataset.Get() is null) throw new InvalidOperationException($"Dataset '{job.DatasetId}' no longer exists.");
        var isQueue = definition is RabbitMqSourceDefinition;

        // Keyed by the job: a retry after the silo died gets the snapshot its first attempt wrote to.
        var number = await dataset.ReserveSnapshotFor("job:" + context.JobId);
        var snapshots = SnapshotDatabase.From(db);
        var resumed = await SnapshotSinks.CountAsync(snapshots, job.DatasetId, number, cancellationToken);
        if (resumed > 0 && !isQueue)
        {
            // A re-readable source starts over; leftovers of the dead attempt would be duplicates.
            await SnapshotSinks.DeleteAsync(snapshots, job.DatasetId, number, cancellationToken);
            resumed = 0;
        }

        // Read after reserving: every snapshot committed before this one is below its number.
        var appendTo = isQueue ? (await dataset.Get())?.Snapshots.LastOrDefault(s => s.Number < number) : null;
        await context.ReportProgressAsync(0, $"reading {definition.Kind} into snapshot {number}"
            + (appendTo is null ? "" : $", appended to snapshot {appendTo.Number}") + (resumed > 0 ? $", resuming after its {resumed} stored row(s)" : ""), force: true);
        var run = new MaterializeRun(snapshots, job, number, appendTo, source, isQueue);
        try
        {
            var report = await run.MaterializeAsync(cancellationToken);
            if (run.NewRows == 0 && resumed == 0)
            {
                if (appendTo is null)
                {
                    var what = isQueue ? "no earlier snapshot to train on" : "the previous snapshot stays the latest";
                    throw new InvalidOperationException($"The source gave no usable rows ({report.RowsRead} read, {report.Rejected} rejected); {what}.");
                }

                return await NothingNewAsync(dataset, number, appendTo.Number, report);
            }

            var rows = isQueue ? await SnapshotSinks.CountAsync(snapshots, job.DatasetId, number, CancellationToken.None) : run.NewRows;
            if (appendTo is not null)
            {
                report = report with { Notes = [.. report.Notes, $"snapshot {number} is snapshot {appendTo.Number} plus {rows - RowsOf(appendTo)} new row(s): {rows} in all"] };
            }

            var reportJson = JsonSerializer.Serialize(report, GrainJson.Options);
            await dataset.CommitSnapshot(number, rows, -1, "data-chef:" + job.ChefId, reportJson);
            return JsonSerializer.Serialize(new MaterializeJobResult(number, report.RowsRead, report.Accepted, report.Rejected, reportJson), GrainJson.Options);
        }
        catch (Exception e) when (isQueue && (run.NewRows > 0 || resumed > 0))
        {
            // Those messages are acknowledged and exist nowhere else now: keep them, still fail the run.
            var rows = await SnapshotSinks.CountAsync(snapshots, job.DatasetId, number, CancellationToken.None);
            var reason = e is OperationCanceledException ? "cancelled" : e.Message;
            var kept = $"the {rows - RowsOf(appendTo)} row(s) of acknowledged messages were kept in snapshot {number} ({rows} rows in all)";
            var note = new ValidationReport { Notes = [$"materialization failed: {reason}; {kept}"] };
            await dataset.CommitSnapshot(number, rows, -1, "data-chef:" + job.ChefId, JsonSerializer.Serialize(note, GrainJson.Options));
            throw new InvalidOperationException($"{reason}; {kept}", e);
        }
        catch
        {
            await SnapshotSinks.DeleteAsync(db, job.DatasetId, number, CancellationToken.None);
            await dataset.AbandonSnapshot(number, "materialization failed");
            throw;
        }
    }

    private static long RowsOf(SnapshotInfo? snapshot) => snapshot?.Rows ?? 0;

    /// <summary>
    /// A queue drain that stored no row: a copy of the latest snapshot would be the same rows under
    /// a new number, so none is made, and the run goes on with the latest one.
    /// </summary>
    private static async Task<string> NothingNewAsync(IDatasetGrain dataset, int reserved, int latest, ValidationReport report)
    {
        await dataset.AbandonSnapshot(reserved, "no new messages");
        var what = report.RowsRead == 0 ? "0 new messages" : $"no new usable rows ({report.RowsRead} read, {report.Rejected} rejected)";
        report = report with { Notes = [.. report.Notes, $"{what}; no new snapshot, snapshot {latest} stays the latest"] };
        var reportJson = JsonSerializer.Serialize(report, GrainJson.Options);
        return JsonSerializer.Serialize(new MaterializeJobResult(latest, report.RowsRead, report.Accepted, report.Rejected, reportJson), GrainJson.Options);
    }

    /// <summary>
    /// The stored source as a definition, its sealed secrets opened (<see cref="DataChefSecretBox"/>); older
    /// CSV chefs stored <c>file_path</c> without a kind.
    /// </summary>
    public static SourceDefinition Definition(string sourceType, JsonObject source)
    {
        var copy = DataChefSecretBox.Open(source);
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
    /// What a chef's source may touch on this node: server files in the source folder (relative paths
    /// are read from the data folder), uploads under its <c>uploads</c> folder, never the server's own
    /// database; REST hosts as <see cref="DataChefOptions.AllowedHosts"/> allows; and the processed-message
    /// log in the database, which the snapshot sinks write in the same transaction as the rows, so a
    /// redelivered message whose rows are stored is skipped even by a later materialization.
    /// A preview of an unsaved definition passes its own <paramref name="messageLog"/>.
    /// </summary>
    public static SourceEnvironment Environment(GrainsOptions options, HttmDatabase db, string chefId, IProcessedMessageLog? messageLog = null)
    {
        var chefs = options.DataChefs;
        var sources = SourceDirectory(options);
        Directory.CreateDirectory(sources);
        var (serverFile, serverPostgres) = ServerDatabase(chefs.ServerDatabase, db.IsPostgres);
        return new SourceEnvironment
        {
            DataRoot = Path.GetFullPath(options.DataDirectory),
            SourceDirectory = sources,
            UploadRoot = UploadRoot(options),
            ProtectedFiles = serverFile is null ? [] : [serverFile],
            ServerPostgres = serverPostgres,
            AllowServerDatabase = chefs.AllowServerDatabase,
            Hosts = new HostPolicy(chefs.AllowedHosts),
            MessageLog = messageLog ?? new DatabaseProcessedMessageLog(SnapshotDatabase.From(db)),
            MessageScope = messageLog is null ? "chef:" + chefId : chefId,
        };
    }

    /// <summary>Where server-path sources must lie: <see cref="DataChefOptions.SourceDirectory"/>, by default <c>{data}/sources</c>.</summary>
    public static string SourceDirectory(GrainsOptions options) =>
        Path.GetFullPath(options.DataChefs.SourceDirectory ?? "sources", Path.GetFullPath(options.DataDirectory));

    // The runtime opens a SQLite database relative to the working folder, as GetFullPath resolves it.
    private static (string? File, string? Postgres) ServerDatabase(string? connectionString, bool postgres)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return (null, null);
        if (postgres) return (null, connectionString);
        try
        {
            var file = connectionString.Contains('=', StringComparison.Ordinal)
                ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource
                : connectionString;
            return string.IsNullOrWhiteSpace(file) ? (null, null) : (Path.GetFullPath(file), null);
        }
        catch (ArgumentException)
        {
            return (null, null);
        }
    }

    /// <summary>Where uploaded source files live: <c>{data}/uploads</c>, one file per upload id.</summary>
    public static string UploadRoot(GrainsOptions options) => Path.GetFullPath(Path.Combine(options.DataDirectory, "uploads"));
}
