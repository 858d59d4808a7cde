using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Numerics;
using HttmOrleans.Recommend.Synthetic;

namespace HttmOrleans.Recommend.Tests;

public sealed class StrataTests
{
    private static readonly CsrMatrix Ratings =
        SyntheticInteractions.Generate(new SyntheticOptions { Users = 300, Items = 200, Interactions = 6_000, Seed = 3 }).ToLog().ToMatrix().ByUser;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Cells_partition_the_interactions_into_contiguous_user_and_item_blocks(bool balancedItems)
    {
        var strata = Strata.Build(Ratings, balancedItems ? ItemCuts.BalancedByInteractions : ItemCuts.EqualItemCounts);
        var b = strata.Blocks;

        Assert.Equal(Ratings.Count, strata.CellStart[^1]);
        Assert.Equal(0, strata.ItemBlockStart[0]);
        Assert.Equal(Ratings.Columns, strata.ItemBlockStart[^1]);
        var userBlockOf = new int?[Ratings.Rows];
        for (var cell = 0; cell < b * b; cell++)
        {
            for (var n = strata.CellStart[cell]; n < strata.CellStart[cell + 1]; n++)
            {
                Assert.InRange(strata.Items[n], strata.ItemBlockStart[cell % b], strata.ItemBlockStart[(cell % b) + 1] - 1);
                Assert.Equal(Ratings.RowValues(strata.Users[n])[Ratings.RowIndices(strata.Users[n]).BinarySearch(strata.Items[n])], strata.Values[n]);
                userBlockOf[strata.Users[n]] ??= cell / b;
                Assert.Equal(cell / b, userBlockOf[strata.Users[n]]);
            }
        }

        // Contiguous: user blocks never go down as the user index goes up.
        var blocks = userBlockOf.Where(x => x.HasValue).Select(x => x!.Value).ToArray();
        Assert.Equal(blocks.Order(), blocks);
    }

    [Fact]
    public void Balanced_item_blocks_hold_about_the_same_number_of_interactions()
    {
        var strata = Strata.Build(Ratings);
        var b = strata.Blocks;
        var largestItem = Enumerable.Range(0, Ratings.Columns).Max(i => Ratings.ColumnIndices.Count(c => c == i));

        for (var itemBlock = 0; itemBlock < b; itemBlock++)
        {
            var count = Enumerable.Range(0, b).Sum(a => strata.CellStart[(a * b) + itemBlock + 1] - strata.CellStart[(a * b) + itemBlock]);
            Assert.InRange(count, (Ratings.Count / b) - largestItem, (Ratings.Count / b) + largestItem);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(16)]
    public void Every_user_and_item_block_sees_its_cells_in_the_same_order_whatever_the_thread_count(int threads)
    {
        var strata = Strata.Build(Ratings);

        Assert.Equal(VisitOrder(strata, 1), VisitOrder(strata, threads));
    }

    [Fact]
    public void Each_entry_is_visited_once_per_epoch_and_every_epoch_is_reported_on_the_calling_thread()
    {
        var strata = Strata.Build(Ratings);
        var visits = new int[Ratings.Count];
        var reported = new List<int>();
        var caller = Environment.CurrentManagedThreadId;

        strata.Run(3, (_, _, from, to) =>
        {
            for (var n = from; n < to; n++)
            {
                Interlocked.Increment(ref visits[n]);
            }
        }, epoch =>
        {
            Assert.Equal(caller, Environment.CurrentManagedThreadId);
            reported.Add(epoch);
        }, CancellationToken.None, threads: 4);

        Assert.All(visits, v => Assert.Equal(3, v));
        Assert.Equal([0, 1, 2], reported);
    }

    [Fact]
    public void A_failing_cell_surfaces_its_exception_and_no_later_epoch_runs()
    {
        var strata = Strata.Build(Ratings);
        var epochsStarted = new int[5];

        var error = Assert.Throws<InvalidOperationException>(() => strata.Run(5, (epoch, cell, _, _) =>
        {
            Interlocked.Increment(ref epochsStarted[epoch]);
            if (epoch == 1 && cell == 37)
            {
                throw new InvalidOperationException("cell 37 broke");
            }
        }, null, CancellationToken.None, threads: 3));

        Assert.Equal("cell 37 broke", error.Message);
        Assert.Equal(0, epochsStarted[2] + epochsStarted[3] + epochsStarted[4]);
    }

    [Fact]
    public void Cancelling_between_epochs_stops_the_run_with_operation_cancelled()
    {
        var strata = Strata.Build(Ratings);
        using var cancel = new CancellationTokenSource();
        var completed = 0;

        Assert.ThrowsAny<OperationCanceledException>(() => strata.Run(10, (_, _, _, _) => { }, epoch =>
        {
            completed = epoch + 1;
            if (epoch == 1)
            {
                cancel.Cancel();
            }
        }, cancel.Token, threads: 2));

        Assert.Equal(2, completed);
    }

    [Fact]
    public void Aligned_rows_start_on_a_cache_line_and_keep_their_padding_at_zero()
    {
        var rows = new AlignedRows(7, 100);
        rows.FillNormal(seed: 5, mean: 0, std: 0.1f);

        Assert.Equal(112, rows.Stride);
        var dense = rows.ToDense();
        Assert.Equal(700, dense.Length);
        for (var r = 0; r < rows.Rows; r++)
        {
            Assert.All(rows.PaddedRow(r)[100..].ToArray(), x => Assert.Equal(0f, x));
            Assert.Equal(rows.PaddedRow(r)[..100].ToArray(), dense.AsSpan(r * 100, 100).ToArray());
        }

        // Mean and spread of the seeded normal draws.
        Assert.InRange(dense.Average(), -0.02, 0.02);
        Assert.InRange(Math.Sqrt(dense.Average(x => x * x)), 0.09, 0.11);
        unsafe
        {
            fixed (float* origin = &rows.Origin)
            {
                Assert.Equal(0, (long)origin % 64);
            }
        }
    }

    [Fact]
    public void The_portable_svd_kernel_and_the_512_bit_one_learn_the_same_factors()
    {
        if (!System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
        {
            return; // Nothing to compare against: the portable kernel is the one in use.
        }

        var strata = Strata.Build(Ratings);
        var (wide, portable) = (SvdSetup(strata), SvdSetup(strata));
        strata.Run(3, (_, _, from, to) => SvdKernel.Pass512(wide, from, to), null, CancellationToken.None);
        strata.Run(3, (_, _, from, to) => SvdKernel.PassVector(portable, from, to), null, CancellationToken.None);

        var (a, b) = (wide.Items.ToDense(), portable.Items.ToDense());
        Assert.NotEqual(SvdSetup(strata).Items.ToDense(), a); // it learned something
        for (var n = 0; n < a.Length; n++)
        {
            Assert.Equal(a[n], b[n], 1e-4f);
        }

        Assert.Equal(wide.UserBias, portable.UserBias, (x, y) => Math.Abs(x - y) < 1e-4f);
    }

    private static SvdKernel.Setup SvdSetup(Strata strata)
    {
        var (users, items) = (new AlignedRows(Ratings.Rows, 20), new AlignedRows(Ratings.Columns, 20));
        users.FillNormal(1, 0, 0.1f);
        items.FillNormal(2, 0, 0.1f);
        return new SvdKernel.Setup(strata, users, items, new float[Ratings.Rows], new float[Ratings.Columns], 3.5f, 0.01f, 0.02f, Biased: true);
    }

    /// <summary>For each user block and each item block, the (epoch, cell) sequence it was visited in.</summary>
    private static List<(int Epoch, int Cell)>[] VisitOrder(Strata strata, int threads)
    {
        var b = strata.Blocks;
        var order = Enumerable.Range(0, 2 * b).Select(_ => new List<(int, int)>()).ToArray();

        // Cells of one round share no user block and no item block, so these lists are never written concurrently.
        strata.Run(2, (epoch, cell, _, _) =>
        {
            order[cell / b].Add((epoch, cell));
            order[b + (cell % b)].Add((epoch, cell));
        }, null, CancellationToken.None, threads);
        return order;
    }
}
