using HttmOrleans.Runtime.Tests.Infrastructure;
using HttmOrleans.Runtime.TestGrains;
using Xunit;

namespace HttmOrleans.Runtime.Tests;

public abstract partial class RuntimeContractTests
{
    [Fact]
    public async Task A_reminder_ticks_once_per_period_on_its_grid()
    {
        var node = await StartNodeAsync();
        var ticker = node.Grains.GetGrain<ITickerGrain>("grid-" + Guid.NewGuid());
        await ticker.Start(dueMs: 300, periodMs: 1000);

        var ticks = await Eventually.Until(ticker.Ticks, t => t.Count >= 4, Patience, "four ticks");
        await ticker.Stop();

        Assert.Equal(ticks.Count, ticks.Select(t => t.DueMs).Distinct().Count());
        Assert.All(ticks.Zip(ticks.Skip(1)), pair => Assert.Equal(1000, pair.Second.DueMs - pair.First.DueMs));
        Assert.All(ticks, t => Assert.InRange(t.RanMs - t.DueMs, 0, 900));
    }

    [Fact]
    public async Task A_reminder_period_is_at_least_one_second()
    {
        var node = await StartNodeAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => node.Grains.GetGrain<ITickerGrain>("fast").Start(0, 500));
    }

    [Fact]
    public async Task A_changed_period_applies_at_once()
    {
        var node = await StartNodeAsync();
        var ticker = node.Grains.GetGrain<ITickerGrain>("retimed-" + Guid.NewGuid());
        await ticker.Start(dueMs: 60_000, periodMs: 60_000);
        await Task.Delay(300);
        Assert.Empty(await ticker.Ticks());

        await ticker.ChangePeriod(1000);
        var ticks = await Eventually.Until(ticker.Ticks, t => t.Count >= 2, TimeSpan.FromSeconds(4), "ticks at the new period");
        Assert.Equal(1000, ticks[1].DueMs - ticks[0].DueMs);
    }

    [Fact]
    public async Task Ticks_missed_while_the_cluster_was_down_fire_once_then_realign()
    {
        var key = "downtime-" + Guid.NewGuid();
        long stoppedAt;
        await using (var first = await TestNode.StartAsync(Database))
        {
            var ticker = first.Grains.GetGrain<ITickerGrain>(key);
            await ticker.Start(dueMs: 200, periodMs: 1000);
            await Eventually.Until(ticker.Ticks, t => t.Count >= 2, Patience, "two ticks before the outage");
            await first.StopAsync();
            stoppedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        }

        await Task.Delay(3500); // about three periods with nobody running
        var restartedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var second = await StartNodeAsync();
        var ticks = await Eventually.Until(second.Grains.GetGrain<ITickerGrain>(key).Ticks,
            t => t.Count(x => x.RanMs >= restartedAt) >= 3, Patience, "three ticks after the restart");

        var afterRestart = ticks.Where(t => t.RanMs >= restartedAt).ToList();
        var late = afterRestart.Where(t => t.DueMs < restartedAt).ToList();
        Assert.Single(late); // the missed ticks fire once, not three times
        Assert.Equal(ticks.Count, ticks.Select(t => t.DueMs).Distinct().Count());
        var grid = ticks[0].DueMs % 1000;
        Assert.All(afterRestart, t => Assert.Equal(grid, t.DueMs % 1000)); // back on the original grid
        Assert.All(afterRestart.Skip(1), t => Assert.True(t.DueMs > restartedAt, "after the late tick, ticks are due after the restart"));
        Assert.DoesNotContain(ticks, t => t.RanMs > stoppedAt && t.RanMs < restartedAt);
    }
}
