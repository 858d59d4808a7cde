using HttmOrleans.DataChefs.Mapping;

namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>
/// Source → mapping → coercion → sink, with a report of every row. The data-chef grain runs
/// one for a preview or a materialization.
/// </summary>
/// <typeparam name="TRow">The dataset kind's row type.</typeparam>
public sealed class SourcePipeline<TRow>
{
    private readonly IDataSource _source;
    private readonly ColumnMapping _mapping;
    private readonly IRowCoercer<TRow> _coercer;
    private readonly PipelineOptions _options;

    /// <summary>Creates a pipeline; the mapping and the coercer must be for the same dataset kind.</summary>
    public SourcePipeline(IDataSource source, ColumnMapping mapping, IRowCoercer<TRow> coercer, PipelineOptions? options = null)
    {
        if (mapping.Kind != coercer.Kind)
        {
            throw new ArgumentException($"The mapping is for {mapping.Kind} but the coercer for {coercer.Kind}.", nameof(coercer));
        }

        _source = source;
        _mapping = mapping;
        _coercer = coercer;
        _options = options ?? new PipelineOptions();
    }

    /// <summary>
    /// Reads the first <paramref name="recordCount"/> records, stores nothing and commits nothing
    /// (queue messages read here are returned to the queue).
    /// </summary>
    public async Task<SourcePreview<TRow>> PreviewAsync(int recordCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(recordCount);
        var reader = await _source.OpenAsync(cancellationToken);
        await using (reader)
        {
            var mapper = new RecordMapper(_mapping);
            var schema = new SchemaInference();
            var report = new ReportBuilder(recordCount);
            var rows = new List<TRow>();
            await foreach (var record in reader.ReadAsync(cancellationToken))
            {
                schema.Observe(record);
                if (Coerce(mapper, record, report, out var row))
                {
                    rows.Add(row);
                }

                if (report.Read >= recordCount)
                {
                    break;
                }
            }

            return new SourcePreview<TRow> { Columns = schema.Columns(_mapping), Rows = rows, Report = report.Build(reader) };
        }
    }

    /// <summary>
    /// Reads the whole source into <paramref name="sink"/> in batches. After each batch is written
    /// the reader is told to commit (queue messages are acknowledged only then).
    /// </summary>
    public async Task<ValidationReport> MaterializeAsync(IRowSink<TRow> sink, CancellationToken cancellationToken)
    {
        var reader = await _source.OpenAsync(cancellationToken);
        await using (reader)
        {
            var mapper = new RecordMapper(_mapping);
            var report = new ReportBuilder(_options.RejectedSampleSize);
            var batch = new TRow[Math.Max(1, _options.BatchSize)];
            var count = 0;
            await foreach (var record in reader.ReadAsync(cancellationToken))
            {
                if (Coerce(mapper, record, report, out var row))
                {
                    if (count == batch.Length)
                    {
                        // Only reachable inside one multi-row message: grow rather than split it.
                        Array.Resize(ref batch, batch.Length * 2);
                    }

                    batch[count++] = row;
                }

                if (record.IsCommitPoint && (count >= _options.BatchSize || reader.CommitDue))
                {
                    if (count > 0)
                    {
                        await WriteAsync(sink, reader, batch.AsMemory(0, count), cancellationToken);
                    }

                    await reader.CommitAsync(cancellationToken);
                    Array.Clear(batch, 0, count);
                    count = 0;
                }
            }

            if (count > 0)
            {
                await WriteAsync(sink, reader, batch.AsMemory(0, count), cancellationToken);
            }

            // Completed before the last acknowledgement: a buffering sink's rows are durable only now.
            var summary = await sink.CompleteAsync(cancellationToken);

            // Rejected rows and duplicates are acknowledged too: they are accounted for in the report.
            await reader.CommitAsync(cancellationToken);

            return report.Build(reader, summary);
        }
    }

    private static ValueTask WriteAsync(IRowSink<TRow> sink, ISourceReader reader, ReadOnlyMemory<TRow> rows, CancellationToken cancellationToken) =>
        sink is IMessageTrackingRowSink<TRow> tracking && reader.PendingMessageIds.Count > 0
            ? tracking.WriteBatchAsync(rows, reader.PendingMessageIds, cancellationToken)
            : sink.WriteBatchAsync(rows, cancellationToken);

    private bool Coerce(RecordMapper mapper, SourceRecord record, ReportBuilder report, out TRow row)
    {
        if (record.Error is not null)
        {
            report.CountRejected(record, record.Error, record.ErrorDetail);
            row = default!;
            return false;
        }

        if (_coercer.TryCoerce(mapper.Map(record), out row, out var rejection))
        {
            report.CountAccepted();
            return true;
        }

        report.CountRejected(record, rejection.Reason, rejection.Detail);
        return false;
    }
}
