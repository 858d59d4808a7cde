using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Numerics;
using HttmOrleans.Recommend.Synthetic;

namespace HttmOrleans.Recommend.Tests;

public sealed class CellNegativesTests
{
    private static readonly InteractionMatrix Data =
        SyntheticInteractions.Generate(new SyntheticOptions { Users = 300, Items = 200, Interactions = 8_000, Seed = 5 }).ToLog(implicitFeedback: true).ToMatrix();

    [Fact]
    public void Seen_answers_from_the_cell_what_the_users_whole_history_answers_in_every_epoch()
    {
        var strata = Strata.Build(Data.ByUser, ItemCuts.EqualItemCounts, shuffleSeed: 4);
        var negatives = new NegativeSampler(Data, strata, popularityExponent: null);
        var checks = 0;
        strata.Run(3, (_, cell, from, to) =>
        {
            var draws = negatives.ForCell(cell, from, to);
            var block = strata.BlockItems.AsSpan(strata.ItemBlockStart[cell % strata.Blocks], strata.ItemBlockStart[(cell % strata.Blocks) + 1] - strata.ItemBlockStart[cell % strata.Blocks]);
            for (var n = from; n < to; n++)
            {
                var seen = Data.ByUser.RowIndices(strata.Users[n]);
                foreach (var item in block)
                {
                    Assert.Equal(seen.BinarySearch(item) >= 0, draws.Seen(n, item));
                }

                Interlocked.Add(ref checks, block.Length);
            }
        }, null, CancellationToken.None, threads: 2, epochStart: _ => negatives.Prepare());

        Assert.True(checks > 100_000, $"only {checks} checks");
    }

    [Fact]
    public void Draws_come_from_the_cells_block_and_skip_untouched_items_when_asked()
    {
        // Items from index 180 on lose every interaction: bpr may draw them, a sampler that skips them never does.
        var log = SyntheticInteractions.Generate(new SyntheticOptions { Users = 300, Items = 200, Interactions = 8_000, Seed = 5 }).ToLog(implicitFeedback: true);
        var kept = Enumerable.Range(0, log.Count).Where(n => log.Items[n] < 180).ToArray();
        var data = new InteractionLog(log.UserIds, log.ItemIds, [.. kept.Select(n => log.Users[n])], [.. kept.Select(n => log.Items[n])], [.. kept.Select(n => log.Ratings[n])]).ToMatrix();
        Assert.True(data.ItemCount > 180);
        var strata = Strata.Build(data.ByUser, ItemCuts.EqualItemCounts, shuffleSeed: 4);
        var all = new NegativeSampler(data, strata, popularityExponent: null);
        var touched = new NegativeSampler(data, strata, popularityExponent: null, skipUntouched: true);
        var drawnUntouched = new[] { 0, 0 };
        strata.Run(2, (epoch, cell, from, to) =>
        {
            if (to == from)
            {
                return;
            }

            var block = strata.BlockItems.AsSpan(strata.ItemBlockStart[cell % strata.Blocks], strata.ItemBlockStart[(cell % strata.Blocks) + 1] - strata.ItemBlockStart[cell % strata.Blocks]).ToArray();
            var rng = new SplitMixRandom(cell);
            for (var n = 0; n < 200; n++)
            {
                var a = all.ForCell(cell, from, to).Draw(ref rng);
                var t = touched.ForCell(cell, from, to).Draw(ref rng);
                Assert.Contains(a, block);
                Assert.Contains(t, block);
                Interlocked.Add(ref drawnUntouched[0], data.ByItem.RowLength(a) == 0 ? 1 : 0);
                Interlocked.Add(ref drawnUntouched[1], data.ByItem.RowLength(t) == 0 ? 1 : 0);
            }
        }, null, CancellationToken.None, threads: 1, epochStart: _ =>
        {
            all.Prepare();
            touched.Prepare();
        });

        Assert.True(drawnUntouched[0] > 0, "uniform draws over the whole block should meet the untouched items");
        Assert.Equal(0, drawnUntouched[1]);
    }
}
