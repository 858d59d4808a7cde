using System.Data.Common;
using HttmOrleans.DataChefs.Pipeline;

namespace HttmOrleans.DataChefs.Snapshots;

/// <summary>
/// One transaction per batch with a prepared INSERT, holding the write gate only for that
/// transaction so grain turns interleave with a long materialization.
/// </summary>
/// <typeparam name="TRow">The dataset kind's row type.</typeparam>
internal sealed class SqliteSnapshotSink<TRow>(
    SnapshotDatabase database, SnapshotRowFormat<TRow> format, string datasetId, int snapshot, SnapshotSinkOptions options) : ISnapshotSink<TRow>
{
    private DbConnection? _connection;
    private DbCommand? _insert;
    private DbParameter[] _rowParameters = [];
    private DbParameter? _ordinal;
    private long _nextOrdinal = -1;

    public string DatasetId => datasetId;

    public int Snapshot => snapshot;

    public long RowsWritten { get; private set; }

    public ValueTask WriteBatchAsync(ReadOnlyMemory<TRow> rows, CancellationToken cancellationToken) =>
        WriteBatchAsync(rows, [], cancellationToken);

    public async ValueTask WriteBatchAsync(ReadOnlyMemory<TRow> rows, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        var connection = _connection ??= await database.OpenAsync(cancellationToken);
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

                var insert = Insert(connection);
                insert.Transaction = transaction;
                for (var i = 0; i < rows.Length; i++)
                {
                    _ordinal!.Value = _nextOrdinal++;
                    format.Bind(_rowParameters, rows.Span[i]);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }

                await SnapshotSql.MarkProcessedAsync(connection, transaction, options.MessageScope, messageIds, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                RowsWritten += rows.Length;
            }
            catch
            {
                _nextOrdinal = first;
                throw;
            }
        }
    }

    public async ValueTask<SinkSummary> CompleteAsync(CancellationToken cancellationToken)
    {
        await DisposeAsync();
        return await format.SummarizeAsync(database, datasetId, snapshot, options, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_insert is not null)
        {
            await _insert.DisposeAsync();
            _insert = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private DbCommand Insert(DbConnection connection)
    {
        if (_insert is null)
        {
            var insert = connection.CreateCommand();
            insert.CommandText = format.InsertSql;
            SnapshotSql.AddValue(insert, "@dataset_id", datasetId);
            SnapshotSql.AddValue(insert, "@snapshot", snapshot);
            _ordinal = SnapshotSql.AddValue(insert, "@ordinal", 0L);
            _rowParameters = format.AddParameters(insert);
            _insert = insert;
        }

        return _insert;
    }
}
