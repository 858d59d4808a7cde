using HttmOrleans.Runtime;

namespace HttmOrleans.Runtime.TestGrains;

public interface IInboxGrain : IGrainWithStringKey
{
    Task Receive(string messageId, int amount);

    [ReadOnly]
    Task<InboxState> Read();
}

public sealed class InboxState
{
    public int Total { get; set; }
    public List<string> MessageIds { get; set; } = [];
    public int Deliveries { get; set; }
}

public sealed class InboxGrain : Grain<InboxState>, IInboxGrain
{
    public async Task Receive(string messageId, int amount)
    {
        State.Deliveries++;
        if (!State.MessageIds.Contains(messageId))
        {
            State.MessageIds.Add(messageId);
            State.Total += amount;
        }
        await WriteStateAsync();
    }

    public Task<InboxState> Read() => Task.FromResult(State);
}
