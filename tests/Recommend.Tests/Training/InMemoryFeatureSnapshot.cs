using System.Runtime.CompilerServices;
using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.Recommend.Tests.Training;

/// <summary>A real features <see cref="IDatasetSnapshot"/> over rows held in memory, streamed asynchronously in insertion order.</summary>
internal sealed class InMemoryFeatureSnapshot(IReadOnlyList<FeatureSample> rows, string datasetId = "features") : IDatasetSnapshot
{
    public string DatasetId { get; } = datasetId;

    public int Number => 2;

    public string Kind => DatasetKinds.Features;

    public long RowCount => rows.Count;

    public IAsyncEnumerable<InteractionSample> ReadInteractionsAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A features snapshot has no interactions.");

    public IAsyncEnumerable<TextPairSample> ReadTextPairsAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A features snapshot has no text pairs.");

    public async IAsyncEnumerable<FeatureSample> ReadFeaturesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var n = 0; n < rows.Count; n++)
        {
            if (n % 1_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
            }

            yield return rows[n];
        }
    }
}
