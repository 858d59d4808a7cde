using HttmOrleans.DataChefs.Pipeline;
using Npgsql;

namespace HttmOrleans.DataChefs.Snapshots;

/// <summary>
/// Binary COPY into a snapshot table. Plain batches share one COPY held open until
/// <see cref="CompleteAsync"/> (a COPY per batch would pay a round trip and a commit each time);
/// queue batches get a transaction each, COPY plus their message ids, committed before returning.
/// </summary>
/// <typeparam name="TRow">The dataset kind's row type.</typeparam>
internal sealed class PostgresSnapshotSink<TRow>(
    SnapshotDatabase database, SnapshotRowFormat<TRow> format, string datasetId, int snapshot, SnapshotSinkOptions options) : ISnapshotSink<TRow>
{
    private NpgsqlConnection? _copyConnection;
    private NpgsqlBinaryImporter? _copy;
    private long _nextOrdinal = -1;

    public string DatasetId => datasetId;

    public int Snapshot => snapshot;

    public long RowsWritten { get; private set; }

    public async ValueTask WriteBatchAsync(ReadOnlyMemory<TRow> rows, CancellationToken cancellationToken)
    {
        if (_copy is null)
        {
            var connection = await OpenAsync(cancellationToken);
            try
            {
                if (_nextOrdinal < 0)
                {
                    _nextOrdinal = await SnapshotSql.NextOrdinalAsync(connection, null, format.Table, datasetId, snapshot, cancellationToken);
                }

                _copy = await connection.BeginBinaryImportAsync(format.CopySql, cancellationToken);
                _copyConnection = connection;
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        WriteRows(_copy, rows.Span);
        RowsWritten += rows.Length;
    }

    public async ValueTask WriteBatchAsync(ReadOnlyMemory<TRow> rows, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        // Rows a plain COPY still buffers must not end up behind rows already acknowledged.
        await FinishCopyAsync(cancellationToken);
        var connection = await OpenAsync(cancellationToken);
        await using (connection)
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (transaction)
            {
                var first = _nextOrdinal;
                try
                {
                    if (_nextOrdinal < 0)
                    {
                        _nextOrdinal = await SnapshotSql.NextOrdinalAsync(connection, transaction, format.Table, datasetId, snapshot, cancellationToken);
                    }

                    var copy = await connection.BeginBinaryImportAsync(format.CopySql, cancellationToken);
                    await using (copy)
                    {
                        WriteRows(copy, rows.Span);
                        await copy.CompleteAsync(cancellationToken);
                    }

                    await SnapshotSql.MarkProcessedAsync(connection, transaction, options.MessageScope, messageIds, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    RowsWritten += rows.Length;
                }
                catch
                {
                    // Nothing of this batch is stored: hand out its ordinals again.
                    _nextOrdinal = first;
                    throw;
                }
            }
        }
    }

    public async ValueTask<SinkSummary> CompleteAsync(CancellationToken cancellationToken)
    {
        await FinishCopyAsync(cancellationToken);
        return await format.SummarizeAsync(database, datasetId, snapshot, options, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing an importer that was not completed cancels the COPY: its rows are discarded.
        if (_copy is not null)
        {
            await _copy.DisposeAsync();
            _copy = null;
        }

        if (_copyConnection is not null)
        {
            await _copyConnection.DisposeAsync();
            _copyConnection = null;
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        await database.OpenAsync(cancellationToken) as NpgsqlConnection
        ?? throw new InvalidOperationException("The PostgreSQL snapshot sink needs Npgsql connections.");

    private async Task FinishCopyAsync(CancellationToken cancellationToken)
    {
        if (_copy is not null)
        {
            await _copy.CompleteAsync(cancellationToken);
            await DisposeAsync();
        }
    }

    private void WriteRows(NpgsqlBinaryImporter copy, ReadOnlySpan<TRow> rows)
    {
        // Synchronous writes: they fill Npgsql's buffer and only touch the socket when it is
        // full, and an awaited call per value would cost about as much as the COPY itself.
        foreach (ref readonly var row in rows)
        {
            copy.StartRow();
            copy.Write(datasetId, NpgsqlTypes.NpgsqlDbType.Text);
            copy.Write(snapshot, NpgsqlTypes.NpgsqlDbType.Integer);
            copy.Write(_nextOrdinal++, NpgsqlTypes.NpgsqlDbType.Bigint);
            format.Write(copy, row);
        }
    }
}
