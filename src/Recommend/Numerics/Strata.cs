using HttmOrleans.Recommend.Data;

namespace HttmOrleans.Recommend.Numerics;

/// <summary>
/// Interactions cut into a grid of user-block × item-block cells (DSGD, Gemulla et al. 2011). Cells on one
/// "diagonal" share no user and no item, so SGD runs on them in parallel without locks or races, and the result is
/// the same whatever the number of cores. Inside a cell entries are ordered by user, then item.
/// </summary>
internal sealed class Strata
{
    /// <summary>Fixed, not tied to the core count, so a seed gives the same model on every machine.</summary>
    public const int DefaultBlocks = 16;

    private Strata(int blocks, int[] cellStart, int[] users, int[] items, float[] values)
    {
        Blocks = blocks;
        CellStart = cellStart;
        Users = users;
        Items = items;
        Values = values;
    }

    public int Blocks { get; }

    /// <summary>Cell (a, b) spans [CellStart[a * Blocks + b], CellStart[a * Blocks + b + 1]).</summary>
    public int[] CellStart { get; }

    public int[] Users { get; }

    public int[] Items { get; }

    public float[] Values { get; }

    public static Strata Build(CsrMatrix byUser, int blocks = DefaultBlocks)
    {
        var cells = blocks * blocks;
        var start = new int[cells + 1];
        for (var u = 0; u < byUser.Rows; u++)
        {
            var rowBlock = (u % blocks) * blocks;
            foreach (var i in byUser.RowIndices(u))
            {
                start[rowBlock + (i % blocks) + 1]++;
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
            var rowBlock = (u % blocks) * blocks;
            var rowItems = byUser.RowIndices(u);
            var rowValues = byUser.RowValues(u);
            for (var n = 0; n < rowItems.Length; n++)
            {
                var at = cursor[rowBlock + (rowItems[n] % blocks)]++;
                users[at] = u;
                items[at] = rowItems[n];
                values[at] = rowValues[n];
            }
        }

        return new Strata(blocks, start, users, items, values);
    }

    /// <summary>Runs <paramref name="cell"/> over every cell once: Blocks rounds, each round's cells in parallel.</summary>
    public void ForEachCellInParallel(Action<int, int, int> cell)
    {
        for (var round = 0; round < Blocks; round++)
        {
            var r = round;
            Parallel.For(0, Blocks, a =>
            {
                var index = (a * Blocks) + ((a + r) % Blocks);
                cell(index, CellStart[index], CellStart[index + 1]);
            });
        }
    }
}
