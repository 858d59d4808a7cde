using HttmOrleans.DataChefs.Mapping;
using HttmOrleans.DataChefs.Pipeline;

namespace HttmOrleans.DataChefs.Bench;

/// <summary>Counts rows and keeps none: measures read, map and coerce without a database.</summary>
internal sealed class InMemoryCountingSink : IRowSink<InteractionRow>
{
    public long Rows { get; private set; }

    public ValueTask WriteBatchAsync(ReadOnlyMemory<InteractionRow> rows, CancellationToken cancellationToken)
    {
        Rows += rows.Length;
        return ValueTask.CompletedTask;
    }
}
