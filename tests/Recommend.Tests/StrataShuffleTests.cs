using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Numerics;
using HttmOrleans.Recommend.Synthetic;

namespace HttmOrleans.Recommend.Tests;

public sealed class StrataShuffleTests
{
    private static readonly CsrMatrix Ratings =
        SyntheticInteractions.Generate(new SyntheticOptions { Users = 300, Items = 200, Interactions = 6_000, Seed = 3 }).ToLog().ToMatrix().ByUser;

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(5, false)]
    [InlineData(2, true)]
    [InlineData(5, true)]
    public void A_shuffling_grid_deals_items_into_new_blocks_every_epoch_and_its_cells_still_partition_the_interactions(int threads, bool balanced)
    {
        var strata = Strata.Build(Ratings, ItemCuts.EqualItemCounts, shuffleSeed: 8);
        var b = strata.Blocks;
        var deals = new List<int[]>();
        var visits = new Dictionary<(int User, int Item), int>();

        strata.Run(3, (_, cell, from, to) =>
        {
            var block = strata.BlockItems.AsSpan(strata.ItemBlockStart[cell % b], strata.ItemBlockStart[(cell % b) + 1] - strata.ItemBlockStart[cell % b]);
            for (var n = from; n < to; n++)
            {
                Assert.True(block.BinarySearch(strata.Items[n]) >= 0, $"item {strata.Items[n]} is not in block {cell % b}");

                // The samplers read a user's items in a block from its neighbouring entries: by user, then item.
                Assert.True(n == from || (strata.Users[n - 1], strata.Items[n - 1]).CompareTo((strata.Users[n], strata.Items[n])) < 0, $"entry {n} of cell {cell} is out of order");
                lock (visits)
                {
                    visits[(strata.Users[n], strata.Items[n])] = visits.GetValueOrDefault((strata.Users[n], strata.Items[n])) + 1;
                }
            }
        }, null, CancellationToken.None, threads, epochStart: _ => deals.Add((int[])strata.BlockItems.Clone()), balanced: balanced);

        Assert.Equal(Ratings.Count, visits.Count);
        Assert.All(visits.Values, v => Assert.Equal(3, v));
        Assert.Equal(3, deals.Count);
        Assert.NotEqual(deals[0], deals[1]);
        Assert.All(deals, d => Assert.Equal(Enumerable.Range(0, Ratings.Columns), d.Order()));
    }

    [Fact]
    public void The_deals_depend_on_the_seed_and_epoch_only_not_on_the_thread_count()
    {
        Assert.Equal(Deals(threads: 1), Deals(threads: 4));
        Assert.Equal(Deals(threads: 1), Deals(threads: 4, balanced: true));
    }

    private static List<int[]> Deals(int threads, bool balanced = false)
    {
        var strata = Strata.Build(Ratings, ItemCuts.EqualItemCounts, shuffleSeed: 8);
        var deals = new List<int[]>();
        var cells = new List<int>[strata.Blocks * strata.Blocks];
        strata.Run(2, (_, cell, from, to) => cells[cell] = [.. strata.Items.AsSpan(from, to - from).ToArray()], null, CancellationToken.None, threads, epochStart: _ => deals.Add((int[])strata.BlockItems.Clone()), balanced: balanced);
        deals.Add([.. cells.SelectMany(c => c)]);
        return deals;
    }
}
