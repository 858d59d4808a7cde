using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Storage;

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

    /// <summary>A sink into <c>snapshot_features</c> for (<paramref name="datasetId"/>, <paramref name="snapshot"/>).</summary>
    public static ISnapshotSink<FeatureSample> Features(SnapshotDatabase database, string datasetId, int snapshot, SnapshotSinkOptions? options = null) =>
        Create(database, FeatureSnapshotFormat.Instance, datasetId, snapshot, options);

    /// <summary>
    /// Removes a failed snapshot's rows from every snapshot table. Not for a queue-fed snapshot
    /// whose messages were already acknowledged: those rows exist nowhere else, so resume that
    /// snapshot instead (a new sink continues after its last ordinal).
    /// </summary>
    /// <returns>How many rows were removed.</returns>
    public static Task<long> DeleteAsync(SnapshotDatabase database, string datasetId, int snapshot, CancellationToken cancellationToken) =>
        OnBothTablesAsync(database, (table, _) => $"DELETE FROM {table} WHERE dataset_id = @d AND snapshot = @s",
            [("@d", datasetId), ("@s", snapshot)], cancellationToken);

    /// <summary>Removes a failed snapshot's rows from the runtime's database.</summary>
    public static Task<long> DeleteAsync(HttmDatabase database, string datasetId, int snapshot, CancellationToken cancellationToken) =>
        DeleteAsync(SnapshotDatabase.From(database), datasetId, snapshot, cancellationToken);

    /// <summary>
    /// Wraps <paramref name="sink"/> so its snapshot starts as a copy of snapshot
    /// <paramref name="previous"/> of the same dataset (append semantics for queue-fed datasets);
    /// null means there is nothing to carry over.
    /// </summary>
    public static AppendingSnapshotSink<TRow> AppendingTo<TRow>(ISnapshotSink<TRow> sink, SnapshotDatabase database, int? previous)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (previous is { } number && number >= sink.Snapshot)
        {
            throw new ArgumentOutOfRangeException(nameof(previous), $"Snapshot {number} is not before snapshot {sink.Snapshot}.");
        }

        return new AppendingSnapshotSink<TRow>(sink, database, previous);
    }

    /// <summary>
    /// Copies every row of snapshot <paramref name="from"/> into snapshot <paramref name="to"/> of the
    /// same dataset on the server (<c>INSERT … SELECT</c>, one transaction), ordinals unchanged.
    /// </summary>
    /// <returns>How many rows were copied.</returns>
    public static Task<long> CopyAsync(SnapshotDatabase database, string datasetId, int from, int to, CancellationToken cancellationToken) =>
        OnBothTablesAsync(database, (table, columns) =>
            $"INSERT INTO {table} (dataset_id, snapshot, ordinal, {columns}) SELECT dataset_id, @to, ordinal, {columns} FROM {table} WHERE dataset_id = @d AND snapshot = @from",
            [("@d", datasetId), ("@from", from), ("@to", to)], cancellationToken);

    /// <summary>How many rows snapshot <paramref name="snapshot"/> of the dataset holds (every snapshot table).</summary>
    public static async Task<long> CountAsync(SnapshotDatabase database, string datasetId, int snapshot, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        await using (connection)
        {
            var command = SnapshotSql.Command(connection, null,
                $"SELECT (SELECT COUNT(*) FROM {DatasetTables.SnapshotInteractions} WHERE dataset_id = @d AND snapshot = @s) + (SELECT COUNT(*) FROM {DatasetTables.SnapshotTextPairs} WHERE dataset_id = @d AND snapshot = @s) + (SELECT COUNT(*) FROM {DatasetTables.SnapshotFeatures} WHERE dataset_id = @d AND snapshot = @s)",
                ("@d", datasetId), ("@s", snapshot));
            await using (command)
            {
                return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>
    /// Runs one statement on each snapshot table (given the table and its value columns, comma-separated) in one
    /// write transaction, and returns the rows they touched. No command timeout: each statement covers a whole
    /// snapshot, on the server.
    /// </summary>
    private static async Task<long> OnBothTablesAsync(SnapshotDatabase database, Func<string, string, string> sql,
        (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        using var gate = await database.EnterWriteAsync(cancellationToken);
        var connection = await database.OpenAsync(cancellationToken);
        await using (connection)
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (transaction)
            {
                long rows = 0;
                foreach (var (table, columns) in new[]
                         {
                             (DatasetTables.SnapshotInteractions, InteractionSnapshotFormat.Instance.Columns), (DatasetTables.SnapshotTextPairs, TextPairSnapshotFormat.Instance.Columns),
                             (DatasetTables.SnapshotFeatures, FeatureSnapshotFormat.Instance.Columns),
                         })
                {
                    var command = SnapshotSql.Command(connection, transaction, sql(table, string.Join(", ", columns)), parameters);
                    await using (command)
                    {
                        command.CommandTimeout = 0;
                        rows += await command.ExecuteNonQueryAsync(cancellationToken);
                    }
                }

                await transaction.CommitAsync(cancellationToken);
                return rows;
            }
        }
    }

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
