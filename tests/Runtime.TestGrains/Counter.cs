using System.Collections.Concurrent;
using HttmOrleans.Runtime;

namespace HttmOrleans.Runtime.TestGrains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment(int delayMs);

    [ReadOnly]
    Task<int> Get();

    Task SendTo(string inboxKey, string messageId, int amount);
    Task SendThenThrow(string inboxKey, string messageId);
    Task<int> CallAnotherGrainInsideTheTurn(string otherKey);
}

public sealed class CounterState
{
    public int Count { get; set; }
}

/// <summary>Counts calls and records how many turns of one key ever ran at the same time.</summary>
public sealed class CounterGrain : Grain<CounterState>, ICounterGrain
{
    private static readonly ConcurrentDictionary<string, int> Active = new();
    private static readonly ConcurrentDictionary<string, int> MaxActive = new();

    public static int MaxConcurrentTurns(string key) => MaxActive.GetValueOrDefault(key);

    public async Task<int> Increment(int delayMs)
    {
        var key = GetPrimaryKeyString();
        var now = Active.AddOrUpdate(key, 1, (_, n) => n + 1);
        MaxActive.AddOrUpdate(key, now, (_, m) => Math.Max(m, now));
        try
        {
            var read = State.Count;
            if (delayMs > 0) await Task.Delay(delayMs);
            else await Task.Yield();
            State.Count = read + 1;
            await WriteStateAsync();
            return State.Count;
        }
        finally
        {
            Active.AddOrUpdate(key, 0, (_, n) => n - 1);
        }
    }

    public Task<int> Get() => Task.FromResult(State.Count);

    public async Task SendTo(string inboxKey, string messageId, int amount)
    {
        State.Count += amount;
        await WriteStateAsync();
        Send<IInboxGrain>(inboxKey, inbox => inbox.Receive(messageId, amount));
    }

    public async Task SendThenThrow(string inboxKey, string messageId)
    {
        State.Count += 1000;
        await WriteStateAsync();
        Send<IInboxGrain>(inboxKey, inbox => inbox.Receive(messageId, 1000));
        throw new InvalidOperationException("the turn fails after writing and sending");
    }

    public Task<int> CallAnotherGrainInsideTheTurn(string otherKey) => GrainFactory.GetGrain<ICounterGrain>(otherKey).Get();
}
