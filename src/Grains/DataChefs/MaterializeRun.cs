using HttmOrleans.DataChefs;
using HttmOrleans.DataChefs.Features;
using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;
using HttmOrleans.DataChefs.Snapshots;
using HttmOrleans.Grains.DataChefs;
using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.Grains;

/// <summary>
/// One materialization's pipeline and sink, keeping count of what is durably stored so the
/// handler can tell, after a failure, whether acknowledged queue messages sit in the snapshot.
/// </summary>
internal sealed class MaterializeRun(SnapshotDatabase database, MaterializeJob job, int number, SnapshotInfo? appendTo, IDataSource source, bool queue)
{
    /// <summary>
    /// New rows the sink took. For a queue every batch is its own committed transaction, so these
    /// are durable (and their messages acknowledged or about to be) even when the run then fails.
    /// </summary>
    public long NewRows { get; private set; }

    public Task<ValidationReport> MaterializeAsync(CancellationToken cancellationToken)
    {
        var options = new SnapshotSinkOptions { MessageScope = "chef:" + job.ChefId };
        return job.DatasetKind switch
        {
            DatasetKinds.TextPairs => RunAsync(SnapshotSinks.TextPairs(database, job.DatasetId, number, options), DatasetKind.TextPairs, new TextPairCoercer(), cancellationToken),
            DatasetKinds.Features => FeaturesAsync(options, cancellationToken),
            _ => RunAsync(SnapshotSinks.Interactions(database, job.DatasetId, number, options), DatasetKind.Interactions, new InteractionCoercer(), cancellationToken),
        };
    }

    /// <summary>Records read to learn column types before a re-readable source is read for good.</summary>
    public const int LearnRecords = 10_000;

    private async Task<ValidationReport> FeaturesAsync(SnapshotSinkOptions options, CancellationToken cancellationToken)
    {
        var conversion = Conversion(job.Features);
        var mapping = ColumnMapping.Parse(job.Mapping, DatasetKind.Features);
        var coercer = new FeatureCoercer(conversion);
        if (!queue)
        {
            var reader = await source.OpenAsync(cancellationToken);
            await using (reader)
            {
                var seen = 0;
                await foreach (var record in reader.ReadAsync(cancellationToken))
                {
                    coercer.Learn(record, mapping);
                    if (++seen >= LearnRecords) break;
                }
            }
        }

        var sink = new FeatureRowsSink(SnapshotSinks.AppendingTo(SnapshotSinks.Features(database, job.DatasetId, number, options), database, appendTo?.Number));
        await using (sink)
        {
            try
            {
                return await new SourcePipeline<FeatureRows>(source, mapping, coercer).MaterializeAsync(sink, cancellationToken);
            }
            finally
            {
                NewRows = sink.RowsWritten;
            }
        }
    }

    private static FeatureConversion Conversion(FeatureOptions? features) => FeatureConversion.Parse(features?.Types, features?.Buckets, features?.Separator);

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
