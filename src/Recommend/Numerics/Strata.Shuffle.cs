namespace HttmOrleans.Recommend.Numerics;

/// <summary>Dealing items into blocks afresh every epoch.</summary>
internal sealed partial class Strata
{
    /// <summary>
    /// Deals the items into <see cref="Blocks"/> blocks of equal size by a permutation seeded from the shuffle seed
    /// and <paramref name="epoch"/>, so the result depends on neither the thread count nor earlier epochs.
    /// Call on one thread, then <see cref="Regroup"/> every user block.
    /// </summary>
    public void DealItems(int epoch)
    {
        var items = BlockItems;
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = i;
        }

        new Random(Seeds.Derive(_shuffleSeed ?? 0, epoch, 0x5AF1)).Shuffle(items);
        for (var b = 0; b < Blocks; b++)
        {
            var from = (int)((long)b * items.Length / Blocks);
            var to = (int)((long)(b + 1) * items.Length / Blocks);
            ItemBlockStart[b] = from;
            var block = items.AsSpan(from, to - from);

            // Ascending inside a block, so a cell walks item rows roughly in memory order.
            block.Sort();
            foreach (var item in block)
            {
                _itemBlock[item] = b;
            }
        }

        ItemBlockStart[Blocks] = items.Length;
    }

    /// <summary>
    /// Re-sorts the entries of user block <paramref name="userBlock"/> into its cells after <see cref="DealItems"/>,
    /// from the interactions themselves, so inside a cell entries stay ordered by user, then item (the samplers rely
    /// on it). A user block's entries keep their overall range, so workers regroup their own user blocks in parallel.
    /// </summary>
    public void Regroup(int userBlock, RegroupScratch scratch)
    {
        var blocks = Blocks;
        var first = userBlock * blocks;
        var from = CellStart[first];
        var (firstUser, endUser) = (UserBlockStart[userBlock], UserBlockStart[userBlock + 1]);
        var cursor = scratch.Cursor;
        Array.Clear(cursor);
        for (var u = firstUser; u < endUser; u++)
        {
            foreach (var i in _byUser.RowIndices(u))
            {
                cursor[_itemBlock[i] + 1]++;
            }
        }

        for (var b = 0; b < blocks; b++)
        {
            cursor[b + 1] += cursor[b];
        }

        for (var b = 1; b < blocks; b++)
        {
            CellStart[first + b] = from + cursor[b];
        }

        for (var u = firstUser; u < endUser; u++)
        {
            var items = _byUser.RowIndices(u);
            var values = _byUser.RowValues(u);
            for (var n = 0; n < items.Length; n++)
            {
                var at = from + cursor[_itemBlock[items[n]]]++;
                Users[at] = u;
                Items[at] = items[n];
                Values[at] = values[n];
            }
        }
    }
}
