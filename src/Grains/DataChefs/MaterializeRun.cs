using HttmOrleans.DataChefs;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.DataChefs.Snapshots;
using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.Grains;

/// <summary>
/// One materialization's pipeline and sink, keeping count of what is durably stored so the
/// handler can tell, after a failure, whether acknowledged queue messages sit in the snapshot.
/// </summary>
internal sealed class MaterializeRun(SnapshotDatabase database, MaterializeJob job, int number, SnapshotInfo? appendTo, IDataSource source)
{
    /// <summary>
    /// New rows the sink took. For a queue every batch is its own committed transaction, so these
    /// are durable (and their messages acknowledged or about to be) even when the run then fails.
    /// </summary>
    public long NewRows { get; private set; }

    public Task<ValidationReport> MaterializeAsync(CancellationToken cancellationToken)
    {
        var options = new SnapshotSinkOptions { MessageScope = "chef:" + job.ChefId };
        return job.DatasetKind == DatasetKinds.TextPairs
            ? RunAsync(SnapshotSinks.TextPairs(database, job.DatasetId, number, options), DatasetKind.TextPairs, new TextPairCoercer(), cancellationToken)
            : RunAsync(SnapshotSinks.Interactions(database, job.DatasetId, number, options), DatasetKind.Interactions, new InteractionCoercer(), cancellationToken);
    }

    private async Task<ValidationReport> RunAsync<TRow>(ISnapshotSink<TRow> inner, DatasetKind kind, IRowCoercer<TRow> coercer, CancellationToken cancellationToken)
    {
        var sink = SnapshotSinks.AppendingTo(inner, database, appendTo?.Number);
        await using (sink)
        {
            try
            {
                return await new SourcePipeline<TRow>(source, ColumnMapping.Parse(job.Mapping, kind), coercer).MaterializeAsync(sink, cancellationToken);
            }
            finally
            {
                NewRows = sink.RowsWritten;
            }
        }
    }
}
