using System.Collections.Concurrent;

namespace HttmOrleans.DataChefs.Queue;

/// <summary>A process-lifetime log; for tests and embedded single-run use.</summary>
public sealed class InMemoryProcessedMessageLog : IProcessedMessageLog
{
    private readonly ConcurrentDictionary<(string Scope, string Id), byte> _seen = new();

    /// <summary>How many ids are remembered.</summary>
    public int Count => _seen.Count;

    /// <inheritdoc />
    public ValueTask<bool> IsProcessedAsync(string scope, string messageId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_seen.ContainsKey((scope, messageId)));

    /// <inheritdoc />
    public ValueTask MarkProcessedAsync(string scope, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        foreach (var id in messageIds)
        {
            _seen.TryAdd((scope, id), 0);
        }

        return ValueTask.CompletedTask;
    }
}
