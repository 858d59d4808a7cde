using System.Runtime.CompilerServices;
using HttmOrleans.Grains.Datasets;
using HttmOrleans.Recommend.Synthetic;

namespace HttmOrleans.Recommend.Tests.Training;

/// <summary>A real <see cref="IDatasetSnapshot"/> over rows held in memory, streamed asynchronously in insertion order.</summary>
internal sealed class InMemorySnapshot(IReadOnlyList<InteractionSample> rows, string kind = DatasetKinds.Interactions, long? rowCount = null) : IDatasetSnapshot
{
    public string DatasetId => "ratings";

    public int Number => 1;

    public string Kind { get; } = kind;

    public long RowCount { get; } = rowCount ?? rows.Count;

    public IReadOnlyList<InteractionSample> Rows => rows;

    /// <summary>Rows of a seeded synthetic set with ids "u0".., "i0"..; <paramref name="implicitFeedback"/> makes every rating 1.</summary>
    public static InMemorySnapshot Synthetic(SyntheticOptions options, bool implicitFeedback = false, bool timestamps = true)
    {
        var data = SyntheticInteractions.Generate(options);
        var samples = new InteractionSample[data.Count];
        for (var n = 0; n < samples.Length; n++)
        {
            samples[n] = new InteractionSample(
                "u" + data.Users[n],
                "i" + data.Items[n],
                implicitFeedback ? 1f : data.Ratings[n],
                timestamps ? data.Timestamps[n] : null);
        }

        return new InMemorySnapshot(samples);
    }

    public async IAsyncEnumerable<InteractionSample> ReadInteractionsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var n = 0; n < rows.Count; n++)
        {
            // Yield now and then, as a database reader would between pages.
            if (n % 1_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
            }

            yield return rows[n];
        }
    }

    public IAsyncEnumerable<TextPairSample> ReadTextPairsAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("An interactions snapshot has no text pairs.");

    public IAsyncEnumerable<FeatureSample> ReadFeaturesAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("An interactions snapshot has no features.");
}
