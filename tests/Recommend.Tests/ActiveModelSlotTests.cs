using System.Collections.Concurrent;
using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Tests;

[Collection(SyntheticCollection.Name)]
public sealed class ActiveModelSlotTests(SyntheticFixture fixture)
{
    [Fact]
    public async Task A_swap_under_concurrent_requests_never_serves_a_mixture_of_two_versions()
    {
        var versions = new[] { new ActiveModel("v1", fixture.Model("svd")), new ActiveModel("v2", fixture.Model("als")) };
        var users = Enumerable.Range(0, 40).Select(u => "u" + u).ToArray();
        var expected = versions.ToDictionary(
            v => v.VersionId,
            v => users.ToDictionary(u => u, u => (v.Model.Recommend(u, 10).Items, v.Model.SimilarItems("i1", 5)!)));
        Assert.All(users, u => Assert.NotEqual(expected["v1"][u].Items, expected["v2"][u].Items));

        var slot = new ActiveModelSlot();
        slot.Activate(versions[0]);
        var failures = new ConcurrentBag<string>();
        var sawBoth = new ConcurrentBag<int>();
        var readersDone = 0;

        // Only a bound against a hang: readers stop as soon as each has served from both versions.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        var readers = Enumerable.Range(0, 4).Select(r => Task.Factory.StartNew(
            () =>
            {
                var seen = new HashSet<string>();
                for (var n = 0; (n < 200 || seen.Count < 2) && DateTime.UtcNow < deadline; n++)
                {
                    // One request = one reference taken once; everything in the response comes from it.
                    var active = slot.Current!;
                    var user = users[(n + r) % users.Length];
                    var items = active.Model.Recommend(user, 10).Items;
                    var similar = active.Model.SimilarItems("i1", 5)!;
                    var want = expected[active.VersionId][user];
                    if (!items.SequenceEqual(want.Items) || !similar.SequenceEqual(want.Item2))
                    {
                        failures.Add($"{active.VersionId} {user}");
                    }

                    seen.Add(active.VersionId);
                }

                if (seen.Count == 2)
                {
                    sawBoth.Add(r);
                }

                Interlocked.Increment(ref readersDone);
            },
            TaskCreationOptions.LongRunning)).ToArray();

        // Dedicated reader threads and a writer that keeps swapping until every reader is done, so each reader
        // overlaps many swaps however the threads are scheduled.
        for (var swap = 1; Volatile.Read(ref readersDone) < readers.Length; swap++)
        {
            slot.Activate(versions[swap % 2]);
            Thread.Yield();
        }

        await Task.WhenAll(readers);

        Assert.Empty(failures);
        Assert.Equal([0, 1, 2, 3], sawBoth.Order());
    }

    [Fact]
    public void Activate_returns_the_version_it_replaced_and_try_activate_refuses_a_stale_expectation()
    {
        var slot = new ActiveModelSlot();
        var first = new ActiveModel("v1", fixture.Model("popularity"));
        var second = new ActiveModel("v2", fixture.Model("svd"));

        Assert.Null(slot.Activate(first));
        Assert.Same(first, slot.Activate(second));
        Assert.False(slot.TryActivate(first, first));
        Assert.Same(second, slot.Current);
        Assert.True(slot.TryActivate(second, first));
        Assert.Same(first, slot.Current);
    }
}
