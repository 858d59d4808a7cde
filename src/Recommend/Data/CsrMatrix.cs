using System.Buffers;

namespace HttmOrleans.Recommend.Data;

/// <summary>
/// Compressed sparse rows: memory grows with the number of stored entries, never rows × columns.
/// Column indexes are sorted and distinct within each row.
/// </summary>
public sealed class CsrMatrix
{
    internal CsrMatrix(int rows, int columns, int[] rowPointers, int[] columnIndices, float[] values)
    {
        Rows = rows;
        Columns = columns;
        RowPointers = rowPointers;
        ColumnIndices = columnIndices;
        Values = values;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Number of stored entries.</summary>
    public int Count => ColumnIndices.Length;

    /// <summary>Row r spans [RowPointers[r], RowPointers[r+1]) of the index and value arrays.</summary>
    public int[] RowPointers { get; }

    /// <summary>Column of each entry.</summary>
    public int[] ColumnIndices { get; }

    /// <summary>Value of each entry.</summary>
    public float[] Values { get; }

    /// <summary>Number of entries in row <paramref name="row"/>.</summary>
    public int RowLength(int row) => RowPointers[row + 1] - RowPointers[row];

    /// <summary>Sorted column indexes of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> RowIndices(int row) =>
        ColumnIndices.AsSpan(RowPointers[row], RowPointers[row + 1] - RowPointers[row]);

    /// <summary>Values of row <paramref name="row"/>, aligned with <see cref="RowIndices"/>.</summary>
    public ReadOnlySpan<float> RowValues(int row) =>
        Values.AsSpan(RowPointers[row], RowPointers[row + 1] - RowPointers[row]);

    /// <summary>True when row <paramref name="row"/> stores column <paramref name="column"/>.</summary>
    public bool Contains(int row, int column) => RowIndices(row).BinarySearch(column) >= 0;

    /// <summary>
    /// Builds a matrix from coordinate triples. When a (row, column) pair repeats, the last one wins,
    /// so a re-rating replaces the earlier rating.
    /// </summary>
    public static CsrMatrix FromCoordinates(
        int rows, int columns, ReadOnlySpan<int> rowIndex, ReadOnlySpan<int> columnIndex, ReadOnlySpan<float> values)
    {
        if (rowIndex.Length != columnIndex.Length || rowIndex.Length != values.Length)
        {
            throw new ArgumentException("Coordinate arrays must have the same length.");
        }

        var counts = new int[rows + 1];
        foreach (var r in rowIndex)
        {
            counts[r + 1]++;
        }

        for (var r = 0; r < rows; r++)
        {
            counts[r + 1] += counts[r];
        }

        var cols = new int[rowIndex.Length];
        var vals = new float[rowIndex.Length];
        var cursor = (int[])counts.Clone();

        // A counting sort is stable, so within a row entries keep input order; that is what "last wins" needs.
        for (var n = 0; n < rowIndex.Length; n++)
        {
            var at = cursor[rowIndex[n]]++;
            cols[at] = columnIndex[n];
            vals[at] = values[n];
        }

        var hasDuplicates = false;
        var keys = ArrayPool<long>.Shared.Rent(16);
        try
        {
            for (var r = 0; r < rows; r++)
            {
                var start = counts[r];
                var length = counts[r + 1] - start;
                if (length < 2 || IsStrictlySorted(cols.AsSpan(start, length)))
                {
                    continue;
                }

                if (keys.Length < length)
                {
                    ArrayPool<long>.Shared.Return(keys);
                    keys = ArrayPool<long>.Shared.Rent(length);
                }

                // Column in the high bits, input position in the low bits: sorting keeps equal columns in input order.
                for (var n = 0; n < length; n++)
                {
                    keys[n] = ((long)cols[start + n] << 32) | (uint)n;
                }

                var rowVals = vals.AsSpan(start, length).ToArray();
                Array.Sort(keys, 0, length);
                for (var n = 0; n < length; n++)
                {
                    cols[start + n] = (int)(keys[n] >> 32);
                    vals[start + n] = rowVals[(int)(keys[n] & 0xFFFFFFFF)];
                    if (n > 0 && cols[start + n] == cols[start + n - 1])
                    {
                        hasDuplicates = true;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(keys);
        }

        return hasDuplicates ? RemoveDuplicates(rows, columns, counts, cols, vals) : new CsrMatrix(rows, columns, counts, cols, vals);
    }

    /// <summary>Returns the transpose (rows become columns), also in CSR form.</summary>
    public CsrMatrix Transpose()
    {
        var counts = new int[Columns + 1];
        foreach (var c in ColumnIndices)
        {
            counts[c + 1]++;
        }

        for (var c = 0; c < Columns; c++)
        {
            counts[c + 1] += counts[c];
        }

        var cursor = (int[])counts.Clone();
        var cols = new int[Count];
        var vals = new float[Count];

        // Walking rows in order fills each transposed row already sorted.
        for (var r = 0; r < Rows; r++)
        {
            for (var n = RowPointers[r]; n < RowPointers[r + 1]; n++)
            {
                var at = cursor[ColumnIndices[n]]++;
                cols[at] = r;
                vals[at] = Values[n];
            }
        }

        return new CsrMatrix(Columns, Rows, counts, cols, vals);
    }

    private static bool IsStrictlySorted(ReadOnlySpan<int> span)
    {
        for (var n = 1; n < span.Length; n++)
        {
            if (span[n] <= span[n - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static CsrMatrix RemoveDuplicates(int rows, int columns, int[] pointers, int[] cols, float[] vals)
    {
        var newPointers = new int[rows + 1];
        var write = 0;
        for (var r = 0; r < rows; r++)
        {
            var end = pointers[r + 1];
            for (var n = pointers[r]; n < end; n++)
            {
                if (n + 1 < end && cols[n + 1] == cols[n])
                {
                    continue;
                }

                cols[write] = cols[n];
                vals[write] = vals[n];
                write++;
            }

            newPointers[r + 1] = write;
        }

        return new CsrMatrix(rows, columns, newPointers, cols[..write], vals[..write]);
    }
}
