namespace HttmOrleans.Storage;

/// <summary>
/// Wake-ups between nodes: PostgreSQL LISTEN/NOTIFY in a cluster, in-process events on SQLite.
/// A signal is a hint ("there may be new jobs"), never the data itself, so a lost one only
/// delays work until the next poll.
/// </summary>
public sealed class SignalBus
{
    private readonly object _gate = new();
    private readonly List<Action<string, string>> _handlers = [];

    public IDisposable Subscribe(Action<string, string> handler)
    {
        lock (_gate) _handlers.Add(handler);
        return new Unsubscriber(this, handler);
    }

    /// <summary>Raises a signal in this process only.</summary>
    public void RaiseLocal(string topic, string payload)
    {
        Action<string, string>[] handlers;
        lock (_gate) handlers = [.. _handlers];
        foreach (var handler in handlers) handler(topic, payload);
    }

    private sealed class Unsubscriber(SignalBus bus, Action<string, string> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (bus._gate) bus._handlers.Remove(handler);
        }
    }
}
