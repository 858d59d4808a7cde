using System.Data.Common;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Storage;

namespace HttmOrleans.Grains;

/// <summary>
/// Dataset rows in tables: editable samples and immutable snapshots. Every write is one transaction,
/// so a refused import leaves nothing behind.
/// </summary>
public sealed class DatasetStore(HttmDatabase db, IGrainFactory grains)
{
    /// <summary>Adds interaction samples in one transaction; returns their ids.</summary>
    public Task<long[]> AddInteractionsAsync(string datasetId, IReadOnlyList<InteractionSample> rows, CancellationToken ct) =>
        InsertAsync(datasetId, rows.Count, (command, i) =>
        {
            var r = rows[i];
            Set(command, r.UserId, r.ItemId, r.Rating, r.Timestamp, null, null);
            SetFeature(command, null, null, null);
        }, ct);

    /// <summary>Adds feature samples in one transaction; returns their ids.</summary>
    public Task<long[]> AddFeaturesAsync(string datasetId, IReadOnlyList<FeatureSample> rows, CancellationToken ct) =>
        InsertAsync(datasetId, rows.Count, (command, i) =>
        {
            Set(command, null, null, null, null, null, null);
            SetFeature(command, rows[i].EntityId, rows[i].Feature, rows[i].Value);
        }, ct);

    /// <summary>Adds text-pair samples in one transaction; returns their ids.</summary>
    public Task<long[]> AddTextPairsAsync(string datasetId, IReadOnlyList<TextPairSample> rows, CancellationToken ct) =>
        InsertAsync(datasetId, rows.Count, (command, i) =>
        {
            Set(command, null, null, null, null, rows[i].Document, rows[i].Summary);
            SetFeature(command, null, null, null);
        }, ct);

    /// <summary>
    /// Adds interaction samples that arrive in batches (an import read as it streams), all in one transaction:
    /// when the batches end in an exception nothing is stored. Memory is one batch; returns the rows stored.
    /// </summary>
    public Task<long> ImportInteractionsAsync(string datasetId, IAsyncEnumerable<ReadOnlyMemory<InteractionSample>> batches, CancellationToken ct) =>
        ImportAsync(datasetId, batches, static (c, r) =>
        {
            c.Write(r.UserId, NpgsqlTypes.NpgsqlDbType.Text);
            c.Write(r.ItemId, NpgsqlTypes.NpgsqlDbType.Text);
            c.Write(r.Rating, NpgsqlTypes.NpgsqlDbType.Real);
            if (r.Timestamp is { } ts) c.Write(ts, NpgsqlTypes.NpgsqlDbType.Bigint);
            else c.WriteNull();
            for (var i = 0; i < 5; i++) c.WriteNull();
        }, static (p, r) =>
        {
            p[0].Value = r.UserId;
            p[1].Value = r.ItemId;
            p[2].Value = r.Rating;
            p[3].Value = r.Timestamp is { } ts ? ts : DBNull.Value;
            for (var i = 4; i < 9; i++) p[i].Value = DBNull.Value;
        }, ct);

    /// <summary>Adds text-pair samples that arrive in batches, all in one transaction (see <see cref="ImportInteractionsAsync"/>).</summary>
    public Task<long> ImportTextPairsAsync(string datasetId, IAsyncEnumerable<ReadOnlyMemory<TextPairSample>> batches, CancellationToken ct) =>
        ImportAsync(datasetId, batches, static (c, r) =>
        {
            for (var i = 0; i < 4; i++) c.WriteNull();
            c.Write(r.Document, NpgsqlTypes.NpgsqlDbType.Text);
            c.Write(r.Summary, NpgsqlTypes.NpgsqlDbType.Text);
            for (var i = 0; i < 3; i++) c.WriteNull();
        }, static (p, r) =>
        {
            for (var i = 0; i < 9; i++) p[i].Value = DBNull.Value;
            p[4].Value = r.Document;
            p[5].Value = r.Summary;
        }, ct);

    /// <summary>Adds feature samples that arrive in batches, all in one transaction (see <see cref="ImportInteractionsAsync"/>).</summary>
    public Task<long> ImportFeaturesAsync(string datasetId, IAsyncEnumerable<ReadOnlyMemory<FeatureSample>> batches, CancellationToken ct) =>
        ImportAsync(datasetId, batches, static (c, r) =>
        {
            for (var i = 0; i < 6; i++) c.WriteNull();
            c.Write(r.EntityId, NpgsqlTypes.NpgsqlDbType.Text);
            c.Write(r.Feature, NpgsqlTypes.NpgsqlDbType.Text);
            c.Write(r.Value, NpgsqlTypes.NpgsqlDbType.Real);
        }, static (p, r) =>
        {
            for (var i = 0; i < 6; i++) p[i].Value = DBNull.Value;
            p[6].Value = r.EntityId;
            p[7].Value = r.Feature;
            p[8].Value = r.Value;
        }, ct);

    /// <summary>One page of samples, by id.</summary>
    public async Task<IReadOnlyList<SampleRow>> ListAsync(string datasetId, long afterId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var select = HttmDatabase.Command(connection, null,
            "SELECT id, user_id, item_id, rating, ts, document, summary, entity_id, feature, value FROM dataset_samples WHERE dataset_id = @d AND id > @after ORDER BY id LIMIT @limit",
            ("@d", datasetId), ("@after", afterId), ("@limit", limit));
        return await ReadSamplesAsync(select, ct);
    }

    /// <summary>One sample, or null.</summary>
    public async Task<SampleRow?> GetAsync(string datasetId, long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var select = HttmDatabase.Command(connection, null,
            "SELECT id, user_id, item_id, rating, ts, document, summary, entity_id, feature, value FROM dataset_samples WHERE dataset_id = @d AND id = @id",
            ("@d", datasetId), ("@id", id));
        var rows = await ReadSamplesAsync(select, ct);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Replaces a sample's values; false when it does not exist.</summary>
    public async Task<bool> UpdateAsync(string datasetId, SampleRow row, CancellationToken ct)
    {
        using var gate = await db.EnterWriteAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        await using var update = HttmDatabase.Command(connection, null,
            "UPDATE dataset_samples SET user_id = @u, item_id = @i, rating = @r, ts = @t, document = @doc, summary = @sum, entity_id = @e, feature = @f, value = @v WHERE dataset_id = @d AND id = @id",
            ("@d", datasetId), ("@id", row.Id));
        Set(update, row.UserId, row.ItemId, row.Rating, row.Timestamp, row.Document, row.Summary);
        SetFeature(update, row.EntityId, row.Feature, row.Value);
        return await update.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Deletes a sample; false when it does not exist.</summary>
    public async Task<bool> DeleteAsync(string datasetId, long id, CancellationToken ct)
    {
        using var gate = await db.EnterWriteAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        await using var delete = HttmDatabase.Command(connection, null, "DELETE FROM dataset_samples WHERE dataset_id = @d AND id = @id", ("@d", datasetId), ("@id", id));
        return await delete.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Removes every row of a dataset (samples and snapshots).</summary>
    public async Task DeleteDatasetRowsAsync(string datasetId, CancellationToken ct)
    {
        using var gate = await db.EnterWriteAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var table in new[] { DatasetTables.Samples, DatasetTables.SnapshotInteractions, DatasetTables.SnapshotTextPairs, DatasetTables.SnapshotFeatures })
        {
            await using var delete = HttmDatabase.Command(connection, transaction, $"DELETE FROM {table} WHERE dataset_id = @d", ("@d", datasetId));
            await delete.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Removes the rows of one snapshot (a failed materialization).</summary>
    public async Task DeleteSnapshotRowsAsync(string datasetId, string kind, int snapshot, CancellationToken ct)
    {
        using var gate = await db.EnterWriteAsync(ct);
        await using var connection = await db.OpenAsync(ct);
        await using var delete = HttmDatabase.Command(connection, null, $"DELETE FROM {SnapshotTable(kind)} WHERE dataset_id = @d AND snapshot = @s",
            ("@d", datasetId), ("@s", snapshot));
        await delete.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Copies the current samples into a new snapshot and records it on the dataset.</summary>
    public async Task<SnapshotInfo> SnapshotSamplesAsync(string datasetId, CancellationToken ct)
    {
        var dataset = grains.GetGrain<IDatasetGrain>(datasetId);
        var info = await dataset.Get() ?? throw new NotFoundException("dataset", datasetId);
        var number = await dataset.ReserveSnapshot();
        long rows;
        try
        {
            using var gate = await db.EnterWriteAsync(ct);
            await using var connection = await db.OpenAsync(ct);
            await using var copy = HttmDatabase.Command(connection, null, info.Kind == DatasetKinds.TextPairs
                ? """
                  INSERT INTO snapshot_text_pairs (dataset_id, snapshot, ordinal, document, summary)
                  SELECT dataset_id, @s, ROW_NUMBER() OVER (ORDER BY id) - 1, document, summary FROM dataset_samples WHERE dataset_id = @d
                  """
                : info.Kind == DatasetKinds.Features
                ? """
                  INSERT INTO snapshot_features (dataset_id, snapshot, ordinal, entity_id, feature, value)
                  SELECT dataset_id, @s, ROW_NUMBER() OVER (ORDER BY id) - 1, entity_id, feature, value FROM dataset_samples WHERE dataset_id = @d
                  """
                : """
                  INSERT INTO snapshot_interactions (dataset_id, snapshot, ordinal, user_id, item_id, rating, ts)
                  SELECT dataset_id, @s, ROW_NUMBER() OVER (ORDER BY id) - 1, user_id, item_id, rating, ts FROM dataset_samples WHERE dataset_id = @d
                  """,
                ("@d", datasetId), ("@s", number));
            rows = await copy.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await DeleteSnapshotRowsAsync(datasetId, info.Kind, number, CancellationToken.None);
            await dataset.AbandonSnapshot(number, "copy failed");
            throw;
        }

        return await dataset.CommitSnapshot(number, rows, info.Revision, "samples", null);
    }

    /// <summary>
    /// The snapshot a training without an explicit one uses: a fresh copy of the samples when they
    /// changed since the newest samples snapshot, otherwise the newest snapshot.
    /// </summary>
    public async Task<int> EnsureFreshSnapshotAsync(string datasetId, CancellationToken ct)
    {
        var info = await grains.GetGrain<IDatasetGrain>(datasetId).Get() ?? throw new NotFoundException("dataset", datasetId);
        var latestOfSamples = info.Snapshots.LastOrDefault(s => s.Source == "samples");
        var samplesChanged = info.SampleCount > 0 && latestOfSamples?.Revision != info.Revision;
        if (!samplesChanged && info.Latest is { } latest) return latest.Number;
        return (await SnapshotSamplesAsync(datasetId, ct)).Number;
    }

    /// <summary>The dataset's metadata (404 when it is gone).</summary>
    public async Task<DatasetInfo> InfoAsync(string datasetId) =>
        await grains.GetGrain<IDatasetGrain>(datasetId).Get() ?? throw new NotFoundException("dataset", datasetId);

    /// <summary>Opens a committed snapshot for reading.</summary>
    public async Task<IDatasetSnapshot> OpenSnapshotAsync(string datasetId, int number, CancellationToken ct)
    {
        var info = await grains.GetGrain<IDatasetGrain>(datasetId).Get() ?? throw new NotFoundException("dataset", datasetId);
        var snapshot = info.Snapshots.Find(s => s.Number == number) ?? throw new NotFoundException("snapshot", $"{datasetId}#{number}");
        return new SnapshotReader(db, datasetId, number, info.Kind, snapshot.Rows);
    }

    /// <summary>The table a snapshot of <paramref name="kind"/> lives in.</summary>
    public static string SnapshotTable(string kind) => kind switch
    {
        DatasetKinds.TextPairs => DatasetTables.SnapshotTextPairs,
        DatasetKinds.Features => DatasetTables.SnapshotFeatures,
        _ => DatasetTables.SnapshotInteractions,
    };

    private async Task<long[]> InsertAsync(string datasetId, int count, Action<DbCommand, int> bind, CancellationToken ct)
    {
        var ids = new long[count];
        if (count == 0) return ids;
        using (var gate = await db.EnterWriteAsync(ct))
        {
            await using var connection = await db.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var insert = HttmDatabase.Command(connection, transaction,
                "INSERT INTO dataset_samples (dataset_id, user_id, item_id, rating, ts, document, summary, entity_id, feature, value, created_at) VALUES (@d, @u, @i, @r, @t, @doc, @sum, @e, @f, @v, @now) RETURNING id",
                ("@d", datasetId), ("@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            for (var i = 0; i < count; i++)
            {
                bind(insert, i);
                ids[i] = Convert.ToInt64(await insert.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            }

            await transaction.CommitAsync(ct);
        }

        await grains.GetGrain<IDatasetGrain>(datasetId).Touch(count);
        return ids;
    }

    // PostgreSQL: one binary COPY (a row is a few bytes on the wire, no statement per row). SQLite: one prepared
    // INSERT per row, which is how SQLite is fast inside a transaction. Either way the transaction spans every batch,
    // and on SQLite the write gate is held throughout: the body is already on disk, so that is database time only.
    private async Task<long> ImportAsync<T>(string datasetId, IAsyncEnumerable<ReadOnlyMemory<T>> batches,
        Action<Npgsql.NpgsqlBinaryImporter, T> copy, Action<DbParameter[], T> bind, CancellationToken ct)
    {
        long rows = 0;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using (var gate = await db.EnterWriteAsync(ct))
        {
            await using var connection = await db.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            if (connection is Npgsql.NpgsqlConnection postgres)
            {
                await using var importer = await postgres.BeginBinaryImportAsync(
                    "COPY dataset_samples (dataset_id, created_at, user_id, item_id, rating, ts, document, summary, entity_id, feature, value) FROM STDIN (FORMAT BINARY)", ct);
                await foreach (var batch in batches.WithCancellation(ct))
                {
                    for (var i = 0; i < batch.Length; i++)
                    {
                        await importer.StartRowAsync(ct);
                        importer.Write(datasetId, NpgsqlTypes.NpgsqlDbType.Text);
                        importer.Write(now, NpgsqlTypes.NpgsqlDbType.Bigint);
                        copy(importer, batch.Span[i]);
                    }

                    rows += batch.Length;
                }

                await importer.CompleteAsync(ct);
            }
            else
            {
                await using var insert = HttmDatabase.Command(connection, transaction,
                    "INSERT INTO dataset_samples (dataset_id, user_id, item_id, rating, ts, document, summary, entity_id, feature, value, created_at) VALUES (@d, @u, @i, @r, @t, @doc, @sum, @e, @f, @v, @now)",
                    ("@d", datasetId), ("@now", now));
                var parameters = new[] { "@u", "@i", "@r", "@t", "@doc", "@sum", "@e", "@f", "@v" }.Select(name =>
                {
                    var p = insert.CreateParameter();
                    p.ParameterName = name;
                    insert.Parameters.Add(p);
                    return p;
                }).ToArray();
                await foreach (var batch in batches.WithCancellation(ct))
                {
                    for (var i = 0; i < batch.Length; i++)
                    {
                        bind(parameters, batch.Span[i]);
                        await insert.ExecuteNonQueryAsync(ct);
                    }

                    rows += batch.Length;
                }
            }

            await transaction.CommitAsync(ct);
        }

        await grains.GetGrain<IDatasetGrain>(datasetId).Touch(rows);
        return rows;
    }

    private static void Set(DbCommand command, string? user, string? item, float? rating, long? ts, string? document, string? summary)
    {
        foreach (var (name, value) in new (string, object?)[] { ("@u", user), ("@i", item), ("@r", rating), ("@t", ts), ("@doc", document), ("@sum", summary) })
        {
            if (command.Parameters.Contains(name)) command.Parameters[name].Value = value ?? DBNull.Value;
            else HttmDatabase.AddParameter(command, name, value);
        }
    }

    private static void SetFeature(DbCommand command, string? entity, string? feature, float? value)
    {
        foreach (var (name, v) in new (string, object?)[] { ("@e", entity), ("@f", feature), ("@v", value) })
        {
            if (command.Parameters.Contains(name)) command.Parameters[name].Value = v ?? DBNull.Value;
            else HttmDatabase.AddParameter(command, name, v);
        }
    }

    private static async Task<IReadOnlyList<SampleRow>> ReadSamplesAsync(DbCommand select, CancellationToken ct)
    {
        var rows = new List<SampleRow>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new SampleRow(reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFloat(3), reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6))
            {
                EntityId = reader.IsDBNull(7) ? null : reader.GetString(7), Feature = reader.IsDBNull(8) ? null : reader.GetString(8),
                Value = reader.IsDBNull(9) ? null : reader.GetFloat(9),
            });
        }

        return rows;
    }
}
