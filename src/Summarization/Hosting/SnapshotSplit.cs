using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.Summarization.Hosting;

/// <summary>A text-pairs snapshot split into a training file and a held-out validation set.</summary>
internal sealed record SnapshotSplit(string? TrainFile, string ValidationFile, IReadOnlyList<TextPair> Validation, int TrainCount)
{
    /// <summary>
    /// Streams <paramref name="snapshot"/> once, holding out exactly
    /// <c>round(rows × fraction)</c> samples (at least 1, at most <paramref name="maxValidation"/>)
    /// chosen by selection sampling with <paramref name="seed"/>, so the same snapshot and seed
    /// always give the same split. Only the validation samples are kept in memory.
    /// </summary>
    /// <param name="writeTrain">False when the algorithm learns nothing: training rows are only counted.</param>
    public static async Task<SnapshotSplit> WriteAsync(
        IDatasetSnapshot snapshot, string directory, double fraction, int maxValidation, int seed, bool writeTrain, CancellationToken cancellationToken)
    {
        if (snapshot.Kind != DatasetKinds.TextPairs)
            throw new ArgumentException($"Summarization trains on {DatasetKinds.TextPairs} datasets; snapshot {snapshot.DatasetId}#{snapshot.Number} is {snapshot.Kind}.", nameof(snapshot));
        if (snapshot.RowCount < 2)
            throw new ArgumentException($"Snapshot {snapshot.DatasetId}#{snapshot.Number} has {snapshot.RowCount} samples; training needs at least 2 (one to learn from, one to validate on).", nameof(snapshot));

        Directory.CreateDirectory(directory);
        var total = snapshot.RowCount;
        var wanted = (int)Math.Clamp(Math.Round(total * fraction), 1, Math.Min(maxValidation, total - 1));
        var random = new Random(seed);
        var validation = new List<TextPair>(wanted);
        var trainFile = writeTrain ? Path.Combine(directory, "train.jsonl") : null;
        var validationFile = Path.Combine(directory, "validation.jsonl");
        var trainCount = 0;
        long seen = 0;
        await using (var train = trainFile is null ? null : TextPairFile.OpenWriter(trainFile))
        {
            await foreach (var row in snapshot.ReadTextPairsAsync(cancellationToken))
            {
                var pair = new TextPair(row.Document, row.Summary);
                // Knuth's selection sampling: row i is held out with probability (still wanted) / (still to come).
                var remaining = Math.Max(1, total - seen);
                if (validation.Count < wanted && random.NextDouble() * remaining < wanted - validation.Count)
                {
                    validation.Add(pair);
                }
                else
                {
                    trainCount++;
                    if (train is not null)
                        await TextPairFile.WriteLineAsync(train, pair);
                }
                seen++;
            }
        }
        if (validation.Count == 0 || trainCount == 0)
            throw new InvalidDataException($"Snapshot {snapshot.DatasetId}#{snapshot.Number} yielded {seen} rows (expected {total}); nothing left to train or validate on.");
        await TextPairFile.WriteAsync(validationFile, validation, cancellationToken);
        return new SnapshotSplit(trainFile, validationFile, validation, trainCount);
    }
}
