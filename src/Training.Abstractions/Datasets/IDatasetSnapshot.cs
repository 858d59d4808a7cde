namespace HttmOrleans.Grains.Datasets;

/// <summary>An immutable, numbered snapshot of a dataset: what a training reads.</summary>
public interface IDatasetSnapshot
{
    /// <summary>The dataset.</summary>
    string DatasetId { get; }

    /// <summary>The snapshot number (1, 2, …) within the dataset.</summary>
    int Number { get; }

    /// <summary>One of <see cref="DatasetKinds"/>.</summary>
    string Kind { get; }

    /// <summary>How many rows it holds.</summary>
    long RowCount { get; }

    /// <summary>Streams the rows of an interactions snapshot in insertion order.</summary>
    IAsyncEnumerable<InteractionSample> ReadInteractionsAsync(CancellationToken cancellationToken);

    /// <summary>Streams the rows of a text-pairs snapshot in insertion order.</summary>
    IAsyncEnumerable<TextPairSample> ReadTextPairsAsync(CancellationToken cancellationToken);

    /// <summary>Streams the rows of a features snapshot in insertion order.</summary>
    IAsyncEnumerable<FeatureSample> ReadFeaturesAsync(CancellationToken cancellationToken);
}
