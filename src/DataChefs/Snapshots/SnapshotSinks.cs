using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Runtime.Storage;

namespace HttmOrleans.DataChefs.Snapshots;

/// <summary>
/// Sinks that append a materialization to a dataset snapshot (<see cref="DatasetTables"/>):
/// binary COPY on PostgreSQL, a prepared INSERT per batch transaction on SQLite.
/// </summary>
public static class SnapshotSinks
{
    /// <summary>A sink into <c>snapshot_interactions</c> for (<paramref name="datasetId"/>, <paramref name="snapshot"/>).</summary>
    public static ISnapshotSink<InteractionRow> Interactions(SnapshotDatabase database, string datasetId, int snapshot, SnapshotSinkOptions? options = null) =>
        Create(database, InteractionSnapshotFormat.Instance, datasetId, snapshot, options);

    /// <summary>A sink into <c>snapshot_interactions</c> on the runtime's database.</summary>
    public static ISnapshotSink<InteractionRow> Interactions(HttmDatabase database, string datasetId, int snapshot, SnapshotSinkOptions? options = null) =>
        Interactions(SnapshotDatabase.From(database), datasetId, snapshot, options);

    /// <summary>A sink into <c>snapshot_text_pairs</c> for (<paramref name="datasetId"/>, <paramref name="snapshot"/>).</summary>
    public static ISnapshotSink<TextPairRow> TextPairs(SnapshotDatabase database, string datasetId, int snapshot, SnapshotSinkOptions? options = null) =>
        Create(database, TextPairSnapshotFormat.Instance, datasetId, snapshot, options);

    /// <summary>A sink into <c>snapshot_text_pairs</c> on the runtime's database.</summary>
    public static ISnapshotSink<TextPairRow> TextPairs(HttmDatabase database, string datasetId, int snapshot, SnapshotSinkOptions? options = null) =>
        TextPairs(SnapshotDatabase.From(database), datasetId, snapshot, options);

    /// <summary>
    /// Removes a failed snapshot's rows from both snapshot tables. Not for a queue-fed snapshot
    /// whose messages were already acknowledged: those rows exist nowhere else, so resume that
    /// snapshot instead (a new sink continues after its last ordinal).
    /// </summary>
    /// <returns>How many rows were removed.</returns>
    public static async Task<long> DeleteAsync(SnapshotDatabase database, string datasetId, int snapshot, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        var connection = await database.OpenAsync(cancellationToken);
        await using (connection)
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (transaction)
            {
                long removed = 0;
                foreach (var table in new[] { DatasetTables.SnapshotInteractions, DatasetTables.SnapshotTextPairs })
                {
                    var command = SnapshotSql.Command(connection, transaction,
                        $"DELETE FROM {table} WHERE dataset_id = @d AND snapshot = @s", ("@d", datasetId), ("@s", snapshot));
                    await using (command)
                    {
                        removed += await command.ExecuteNonQueryAsync(cancellationToken);
                    }
                }

                await transaction.CommitAsync(cancellationToken);
                return removed;
            }
        }
    }

    /// <summary>Removes a failed snapshot's rows from the runtime's database.</summary>
    public static Task<long> DeleteAsync(HttmDatabase database, string datasetId, int snapshot, CancellationToken cancellationToken) =>
        DeleteAsync(SnapshotDatabase.From(database), datasetId, snapshot, cancellationToken);

    private static ISnapshotSink<TRow> Create<TRow>(SnapshotDatabase database, SnapshotRowFormat<TRow> format, string datasetId, int snapshot, SnapshotSinkOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(datasetId);
        ArgumentOutOfRangeException.ThrowIfNegative(snapshot);
        options ??= new SnapshotSinkOptions();
        return database.IsPostgres
            ? new PostgresSnapshotSink<TRow>(database, format, datasetId, snapshot, options)
            : new SqliteSnapshotSink<TRow>(database, format, datasetId, snapshot, options);
    }
}
