namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>A configured, validated source. Each read opens its own <see cref="ISourceReader"/>.</summary>
public interface IDataSource
{
    /// <summary>The source kind, e.g. <c>csv</c>.</summary>
    string Kind { get; }

    /// <summary>Opens a read: a file, a query, a page walk or a queue consumer.</summary>
    ValueTask<ISourceReader> OpenAsync(CancellationToken cancellationToken);
}
