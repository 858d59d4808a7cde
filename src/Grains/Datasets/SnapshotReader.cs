using System.Runtime.CompilerServices;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Storage;

namespace HttmOrleans.Grains;

/// <summary>Streams a committed snapshot's rows in ordinal order.</summary>
internal sealed class SnapshotReader(HttmDatabase db, string datasetId, int number, string kind, long rows) : IDatasetSnapshot
{
    public string DatasetId => datasetId;
    public int Number => number;
    public string Kind => kind;
    public long RowCount => rows;

    public async IAsyncEnumerable<InteractionSample> ReadInteractionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Require(DatasetKinds.Interactions);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var select = HttmDatabase.Command(connection, null,
            "SELECT user_id, item_id, rating, ts FROM snapshot_interactions WHERE dataset_id = @d AND snapshot = @s ORDER BY ordinal",
            ("@d", datasetId), ("@s", number));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return new InteractionSample(reader.GetString(0), reader.GetString(1), reader.GetFloat(2), reader.IsDBNull(3) ? null : reader.GetInt64(3));
    }

    public async IAsyncEnumerable<TextPairSample> ReadTextPairsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Require(DatasetKinds.TextPairs);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var select = HttmDatabase.Command(connection, null,
            "SELECT document, summary FROM snapshot_text_pairs WHERE dataset_id = @d AND snapshot = @s ORDER BY ordinal",
            ("@d", datasetId), ("@s", number));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return new TextPairSample(reader.GetString(0), reader.GetString(1));
    }

    public async IAsyncEnumerable<FeatureSample> ReadFeaturesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Require(DatasetKinds.Features);
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var select = HttmDatabase.Command(connection, null,
            "SELECT entity_id, feature, value FROM snapshot_features WHERE dataset_id = @d AND snapshot = @s ORDER BY ordinal",
            ("@d", datasetId), ("@s", number));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return new FeatureSample(reader.GetString(0), reader.GetString(1), reader.GetFloat(2));
    }

    private void Require(string wanted)
    {
        if (kind != wanted) throw new InvalidOperationException($"Snapshot {number} of dataset '{datasetId}' holds {kind}, not {wanted}.");
    }
}
