using HttmOrleans.Recommend.Data;

namespace HttmOrleans.Recommend.Numerics;

/// <summary>How the item axis of a <see cref="Strata"/> grid is cut into contiguous blocks.</summary>
internal enum ItemCuts
{
    /// <summary>Each item block holds about the same number of interactions (even work per cell).</summary>
    BalancedByInteractions,

    /// <summary>Each item block holds the same number of items (uniform negative sampling stays uniform).</summary>
    EqualItemCounts,
}

/// <summary>Work for one cell: entries [from, to) of cell <paramref name="cell"/> in <paramref name="epoch"/>.</summary>
internal delegate void CellAction(int epoch, int cell, int from, int to);

/// <summary>
/// Interactions cut into a grid of user-block × item-block cells (DSGD, Gemulla et al. 2011). Round r of an epoch
/// visits cells (a, (a + r) mod B): they share no user and no item, so SGD runs on them in parallel without locks
/// or races, and the result is the same whatever the number of cores. Blocks are contiguous ranges of user and item
/// indices, so two threads never write neighbouring biases or rows; inside a cell entries are ordered by user, then item.
/// <para>
/// Built with a shuffle seed, the items are dealt into blocks afresh at the start of every epoch by a seeded
/// permutation (item blocks are then sets, listed in <see cref="BlockItems"/>): a negative drawn from the positive's
/// own block is then, over the epochs, any item, so every pair of items gets ranked against each other (with fixed
/// blocks an item never met the fifteen sixteenths of the catalogue outside its block).
/// </para>
/// </summary>
internal sealed partial class Strata
{
    /// <summary>Fixed, not tied to the core count, so a seed gives the same model on every machine.</summary>
    public const int DefaultBlocks = 16;

    private readonly CsrMatrix _byUser;
    private readonly int[] _itemBlock;
    private readonly int? _shuffleSeed;

    private Strata(CsrMatrix byUser, int blocks, int[] cellStart, int[] userBlockStart, int[] itemBlockStart, int[] users, int[] items, float[] values, int[] itemBlock, int? shuffleSeed)
    {
        _byUser = byUser;
        _itemBlock = itemBlock;
        _shuffleSeed = shuffleSeed;
        BlockItems = [.. Enumerable.Range(0, itemBlock.Length)];
        Blocks = blocks;
        CellStart = cellStart;
        UserBlockStart = userBlockStart;
        ItemBlockStart = itemBlockStart;
        Users = users;
        Items = items;
        Values = values;
    }

    public int Blocks { get; }

    /// <summary>Cell (a, b) spans [CellStart[a * Blocks + b], CellStart[a * Blocks + b + 1]).</summary>
    public int[] CellStart { get; }

    /// <summary>The cell user block <paramref name="userBlock"/> visits in round <paramref name="round"/>: item block (a + round) mod B.</summary>
    public int CellAt(int userBlock, int round) => (userBlock * Blocks) + ((userBlock + round) % Blocks);

    /// <summary>The round in which <paramref name="cell"/> runs (the inverse of <see cref="CellAt"/>).</summary>
    public int RoundOf(int cell) => ((cell % Blocks) - (cell / Blocks) + Blocks) % Blocks;

    /// <summary>User block a holds users [UserBlockStart[a], UserBlockStart[a + 1]).</summary>
    public int[] UserBlockStart { get; }

    /// <summary>Item block b holds items BlockItems[ItemBlockStart[b] .. ItemBlockStart[b + 1]).</summary>
    public int[] ItemBlockStart { get; }

    /// <summary>
    /// Items grouped by block, ascending inside a block. Without shuffling this is 0, 1, 2, … (blocks are contiguous
    /// index ranges); with shuffling it changes at every epoch start.
    /// </summary>
    public int[] BlockItems { get; }

    /// <summary>True when items are dealt into blocks afresh every epoch.</summary>
    public bool ShufflesItems => _shuffleSeed.HasValue;

    public int[] Users { get; }

    public int[] Items { get; }

    public float[] Values { get; }

    /// <param name="byUser">The interactions.</param>
    /// <param name="itemCuts">How fixed item blocks are cut (shuffled blocks always hold equal item counts).</param>
    /// <param name="blocks">Blocks per axis.</param>
    /// <param name="shuffleSeed">When set, items are dealt into blocks afresh every epoch from this seed.</param>
    public static Strata Build(CsrMatrix byUser, ItemCuts itemCuts = ItemCuts.BalancedByInteractions, int blocks = DefaultBlocks, int? shuffleSeed = null)
    {
        var itemCounts = new int[byUser.Columns];
        foreach (var i in byUser.ColumnIndices)
        {
            itemCounts[i]++;
        }

        var userBlock = Cut(byUser.Rows, u => byUser.RowLength(u), byUser.Count, blocks, out var userBlockStart);
        var itemBlock = itemCuts == ItemCuts.BalancedByInteractions && shuffleSeed is null
            ? Cut(byUser.Columns, i => itemCounts[i], byUser.Count, blocks, out var itemBlockStart)
            : Cut(byUser.Columns, _ => 1, byUser.Columns, blocks, out itemBlockStart);

        var cells = blocks * blocks;
        var start = new int[cells + 1];
        for (var u = 0; u < byUser.Rows; u++)
        {
            var row = userBlock[u] * blocks;
            foreach (var i in byUser.RowIndices(u))
            {
                start[row + itemBlock[i] + 1]++;
            }
        }

        for (var c = 0; c < cells; c++)
        {
            start[c + 1] += start[c];
        }

        var cursor = (int[])start.Clone();
        var users = new int[byUser.Count];
        var items = new int[byUser.Count];
        var values = new float[byUser.Count];
        for (var u = 0; u < byUser.Rows; u++)
        {
            var row = userBlock[u] * blocks;
            var rowItems = byUser.RowIndices(u);
            var rowValues = byUser.RowValues(u);
            for (var n = 0; n < rowItems.Length; n++)
            {
                var at = cursor[row + itemBlock[rowItems[n]]]++;
                users[at] = u;
                items[at] = rowItems[n];
                values[at] = rowValues[n];
            }
        }

        return new Strata(byUser, blocks, start, userBlockStart, itemBlockStart, users, items, values, itemBlock, shuffleSeed);
    }

    /// <summary>
    /// Runs <paramref name="epochs"/> epochs of <see cref="Blocks"/> rounds each, calling <paramref name="cell"/> once
    /// per cell and round. Worker w of T owns the contiguous user blocks [w·B/T, (w+1)·B/T): in consecutive rounds an
    /// item block moves from user block a to a − 1, so it stays on one core for most of an epoch and its rows stay in
    /// that core's cache (round-robin ownership moved every item row between cores every round and ran slower on
    /// two cores than on one). Rounds end at a spinning barrier. <paramref name="epochDone"/> runs on the calling
    /// thread after each epoch; cancellation and a failing cell stop the run at the next epoch boundary.
    /// <paramref name="threads"/> defaults to the core count; it changes the speed, never the result.
    /// </summary>
    /// <param name="epochs">Epochs to run.</param>
    /// <param name="cell">The work of one cell.</param>
    /// <param name="epochDone">After each epoch, on the calling thread.</param>
    /// <param name="cancellationToken">Stops the run at the next epoch boundary.</param>
    /// <param name="threads">Worker count; the core count when null.</param>
    /// <param name="epochStart">Before each epoch (after items were dealt into blocks), on the calling thread.</param>
    /// <param name="roundSync">Work shared by all workers after every round, in phases separated by barriers.</param>
    /// <param name="balanced">
    /// Workers take a round's cells from a shared queue, largest first, instead of each visiting its own user
    /// blocks (for cells that do not rely on staying on one core; see <see cref="StrataRun"/>).
    /// </param>
    public void Run(int epochs, CellAction cell, Action<int>? epochDone, CancellationToken cancellationToken, int? threads = null, Action<int>? epochStart = null, IRoundSync? roundSync = null, bool balanced = false)
    {
        threads = Math.Clamp(threads ?? Environment.ProcessorCount, 1, Blocks);
        new StrataRun(this, threads.Value, cell, epochs, epochDone, epochStart, roundSync, cancellationToken, balanced).Execute();
    }

    /// <summary>Assigns each index a contiguous block so blocks hold about total / blocks of weight each.</summary>
    private static int[] Cut(int count, Func<int, int> weight, long total, int blocks, out int[] blockStart)
    {
        var block = new int[count];
        blockStart = new int[blocks + 1];
        long sum = 0;
        var b = 0;
        for (var x = 0; x < count; x++)
        {
            block[x] = b;
            sum += weight(x);
            while (b < blocks - 1 && sum * blocks >= total * (b + 1))
            {
                b++;
                blockStart[b] = x + 1;
            }
        }

        for (b++; b <= blocks; b++)
        {
            blockStart[b] = count;
        }

        return block;
    }
}
