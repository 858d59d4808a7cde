namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>Keeps rows in a list; for tests and small previews.</summary>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class InMemoryRowSink<TRow> : IRowSink<TRow>
{
    private readonly List<TRow> _rows = [];
    private readonly Lock _gate = new();

    /// <summary>How many batches were written.</summary>
    public int Batches { get; private set; }

    /// <summary>A copy of every row written so far.</summary>
    public IReadOnlyList<TRow> Rows
    {
        get
        {
            lock (_gate)
            {
                return [.. _rows];
            }
        }
    }

    /// <inheritdoc />
    public ValueTask WriteBatchAsync(ReadOnlyMemory<TRow> rows, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _rows.AddRange(rows.Span);
            Batches++;
        }

        return ValueTask.CompletedTask;
    }
}
