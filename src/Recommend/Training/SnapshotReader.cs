using System.Globalization;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Recommend.Data;

namespace HttmOrleans.Recommend.Training;

/// <summary>
/// Streams an interactions snapshot into an <see cref="InteractionLog"/>: ids go through the id maps once, rows land in
/// parallel arrays sized from the snapshot's row count, so millions of rows cost no object each.
/// </summary>
internal static class SnapshotReader
{
    /// <summary>Rows between progress reports and cancellation checks.</summary>
    private const int ReportEvery = 1 << 16;

    /// <summary>Initial capacity cap, so a wrong row count cannot reserve gigabytes up front; arrays grow past it.</summary>
    private const int MaxInitialCapacity = 1 << 26;

    /// <exception cref="InvalidDataException">The snapshot is not an interactions snapshot, is empty, or has a bad row.</exception>
    public static async Task<InteractionLog> ReadAsync(IDatasetSnapshot snapshot, Func<long, ValueTask> onRows, CancellationToken cancellationToken)
    {
        var name = $"Snapshot {snapshot.Number} of dataset '{snapshot.DatasetId}'";
        if (snapshot.Kind != DatasetKinds.Interactions)
        {
            throw new InvalidDataException(
                $"{name} is a '{snapshot.Kind}' dataset; recommenders train on '{DatasetKinds.Interactions}' datasets (user_id, item_id, rating, timestamp).");
        }

        if (snapshot.RowCount == 0)
        {
            throw new InvalidDataException($"{name} is empty: there is nothing to train on.");
        }

        if (snapshot.RowCount > Array.MaxLength)
        {
            throw new InvalidDataException(
                string.Create(CultureInfo.InvariantCulture, $"{name} has {snapshot.RowCount} rows; a recommender trains on at most {Array.MaxLength}."));
        }

        var capacity = (int)Math.Min(snapshot.RowCount, MaxInitialCapacity);
        var users = new int[capacity];
        var items = new int[capacity];
        var ratings = new float[capacity];
        var timestamps = new long[capacity];
        var userIds = new IdMap();
        var itemIds = new IdMap();
        var allTimed = true;
        var count = 0;
        await foreach (var row in snapshot.ReadInteractionsAsync(cancellationToken).WithCancellation(cancellationToken))
        {
            if (string.IsNullOrEmpty(row.UserId) || string.IsNullOrEmpty(row.ItemId) || !float.IsFinite(row.Rating))
            {
                throw new InvalidDataException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{name}, row {count}: user_id and item_id must be non-empty and rating a finite number (got '{row.UserId}', '{row.ItemId}', {row.Rating})."));
            }

            if (count == users.Length)
            {
                var grown = (int)Math.Min((long)users.Length * 2, Array.MaxLength);
                if (grown == count)
                {
                    throw new InvalidDataException($"{name} has more rows than a recommender can train on ({Array.MaxLength}).");
                }

                Array.Resize(ref users, grown);
                Array.Resize(ref items, grown);
                Array.Resize(ref ratings, grown);
                Array.Resize(ref timestamps, grown);
            }

            users[count] = userIds.GetOrAdd(row.UserId);
            items[count] = itemIds.GetOrAdd(row.ItemId);
            ratings[count] = row.Rating;
            allTimed &= row.Timestamp.HasValue;
            timestamps[count] = row.Timestamp.GetValueOrDefault();
            count++;
            if (count % ReportEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await onRows(count).ConfigureAwait(false);
            }
        }

        if (count == 0)
        {
            throw new InvalidDataException($"{name} has no rows: there is nothing to train on.");
        }

        if (count != users.Length)
        {
            Array.Resize(ref users, count);
            Array.Resize(ref items, count);
            Array.Resize(ref ratings, count);
            Array.Resize(ref timestamps, count);
        }

        return new InteractionLog(userIds, itemIds, users, items, ratings, allTimed ? timestamps : null);
    }
}
