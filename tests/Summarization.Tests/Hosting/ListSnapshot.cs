using System.Runtime.CompilerServices;
using HttmOrleans.Grains.Datasets;

namespace HttmOrleans.Summarization.Tests.Hosting;

/// <summary>A real, in-memory text-pairs snapshot: what the dataset grain hands a trainer, minus the database.</summary>
internal sealed class ListSnapshot(IReadOnlyList<TextPairSample> rows, string kind = DatasetKinds.TextPairs) : IDatasetSnapshot
{
    public string DatasetId => "xsum-test";

    public int Number => 1;

    public string Kind => kind;

    public long RowCount => rows.Count;

    /// <summary>The first <paramref name="count"/> XSum pairs.</summary>
    public static async Task<ListSnapshot> XsumAsync(int count, int skip = 0)
    {
        var pairs = await TextPairFile.ReadAsync(SharedData.Path("xsum", "xsum_test_1000.jsonl"));
        return new ListSnapshot(pairs.Skip(skip).Take(count).Select(p => new TextPairSample(p.Document, p.Summary)).ToList());
    }

    public IAsyncEnumerable<InteractionSample> ReadInteractionsAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("a text-pairs snapshot has no interactions");

    public async IAsyncEnumerable<TextPairSample> ReadTextPairsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return row;
        }
    }

    public IAsyncEnumerable<FeatureSample> ReadFeaturesAsync(CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A text-pairs snapshot has no features.");
}
