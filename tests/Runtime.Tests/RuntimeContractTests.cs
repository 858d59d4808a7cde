using System.Text.Json;
using HttmOrleans.Runtime.Tests.Infrastructure;
using HttmOrleans.Runtime.TestGrains;
using Xunit;

namespace HttmOrleans.Runtime.Tests;

/// <summary>
/// The runtime's semantics, run unchanged against SQLite and PostgreSQL. Every test gets a
/// fresh database and its own nodes.
/// </summary>
public abstract partial class RuntimeContractTests : IAsyncLifetime
{
    private readonly List<TestNode> _nodes = [];
    private string? _database;

    protected abstract Task<string> CreateDatabaseAsync();
    protected abstract Task DropDatabaseAsync(string database);

    protected string Database => _database ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => _database = await CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        if (_database is not null) await DropDatabaseAsync(_database);
    }

    protected async Task<TestNode> StartNodeAsync(string? id = null, string capabilities = "cpu", bool silo = true)
    {
        var node = await TestNode.StartAsync(Database, id, capabilities, silo);
        _nodes.Add(node);
        return node;
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Fifty_concurrent_callers_on_one_key_take_turns_one_at_a_time()
    {
        var node = await StartNodeAsync();
        var key = "contended-" + Guid.NewGuid();
        var counter = node.Grains.GetGrain<ICounterGrain>(key);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => counter.Increment(delayMs: 2))));

        Assert.Equal(50, await counter.Get());
        Assert.Equal(Enumerable.Range(1, 50), results.Order());
        Assert.Equal(1, CounterGrain.MaxConcurrentTurns(key));
    }

    [Fact]
    public async Task State_survives_a_restart_of_every_node()
    {
        var key = "durable-" + Guid.NewGuid();
        await using (var first = await TestNode.StartAsync(Database))
        {
            await first.Grains.GetGrain<ICounterGrain>(key).Increment(0);
            await first.Grains.GetGrain<ICounterGrain>(key).Increment(0);
        }
        var second = await StartNodeAsync();
        Assert.Equal(2, await second.Grains.GetGrain<ICounterGrain>(key).Get());
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused()
    {
        var node = await StartNodeAsync();
        var key = "etag-" + Guid.NewGuid();
        var counter = node.Grains.GetGrain<ICounterGrain>(key);
        var id = new GrainId(node.Admin.GrainTypeName<ICounterGrain>(), key);
        await counter.Increment(0);
        var (staleEtag, _) = await node.Admin.ReadStateAsync(id);
        await counter.Increment(0);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => node.Admin.WriteStateAsync(id, """{"count":100}""", staleEtag));
        Assert.Equal(id, conflict.Grain);
        Assert.Equal(2, await counter.Get());

        var (currentEtag, _) = await node.Admin.ReadStateAsync(id);
        await node.Admin.WriteStateAsync(id, """{"count":100}""", currentEtag);
        Assert.Equal(100, await counter.Get());
        Assert.Equal(101, await counter.Increment(0));
    }

    [Fact]
    public async Task A_message_sent_in_a_turn_is_delivered_after_commit_exactly_once()
    {
        var node = await StartNodeAsync();
        var inboxKey = "inbox-" + Guid.NewGuid();
        await node.Grains.GetGrain<ICounterGrain>("sender-" + Guid.NewGuid()).SendTo(inboxKey, "m1", 5);

        var inbox = node.Grains.GetGrain<IInboxGrain>(inboxKey);
        var state = await Eventually.Until(inbox.Read, s => s.Total == 5, Patience, "the message to arrive");
        await Task.Delay(500);
        state = await inbox.Read();
        Assert.Equal(["m1"], state.MessageIds);
        Assert.Equal(1, state.Deliveries);
        Assert.Equal(0, await node.Admin.CountOutboxAsync(dead: false));
    }

    [Fact]
    public async Task A_turn_that_throws_writes_nothing_and_sends_nothing()
    {
        var node = await StartNodeAsync();
        var inboxKey = "inbox-" + Guid.NewGuid();
        var sender = node.Grains.GetGrain<ICounterGrain>("thrower-" + Guid.NewGuid());
        await sender.Increment(0);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sender.SendThenThrow(inboxKey, "never"));
        Assert.Contains("fails after writing", error.Message);

        Assert.Equal(1, await sender.Get());
        Assert.Equal(0, await node.Admin.CountOutboxAsync(dead: false));
        await Task.Delay(1000);
        var inbox = await node.Grains.GetGrain<IInboxGrain>(inboxKey).Read();
        Assert.Empty(inbox.MessageIds);
        Assert.Equal(0, inbox.Deliveries);
    }

    [Fact]
    public async Task A_grain_cannot_block_on_another_grain_inside_its_turn()
    {
        var node = await StartNodeAsync();
        var error = await Assert.ThrowsAsync<GrainCallException>(
            () => node.Grains.GetGrain<ICounterGrain>("a-" + Guid.NewGuid()).CallAnotherGrainInsideTheTurn("b"));
        Assert.Contains("Send", error.Message);
    }

    [Fact]
    public async Task Membership_shows_each_silo_with_its_capabilities_and_a_stopped_one_as_stopped()
    {
        var cpu = await StartNodeAsync("member-cpu", "cpu");
        var gpu = await StartNodeAsync("member-gpu", "cpu,gpu");

        var silos = await cpu.Admin.ListSilosAsync();
        Assert.Contains(silos, s => s.SiloId == "member-cpu" && s.Capabilities.SequenceEqual(["cpu"]) && s.Status == "active");
        Assert.Contains(silos, s => s.SiloId == "member-gpu" && s.Capabilities.SequenceEqual(["cpu", "gpu"]));
        var load = JsonDocument.Parse(silos.Single(s => s.SiloId == "member-gpu").Load).RootElement;
        Assert.Equal(2, load.GetProperty("maxJobs").GetInt32());

        await gpu.StopAsync();
        silos = await cpu.Admin.ListSilosAsync();
        Assert.Equal("stopped", silos.Single(s => s.SiloId == "member-gpu").Status);
    }
}
