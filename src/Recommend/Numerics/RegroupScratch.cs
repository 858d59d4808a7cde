namespace HttmOrleans.Recommend.Numerics;

/// <summary>One worker's cell cursors for <see cref="Strata.Regroup"/>.</summary>
internal sealed class RegroupScratch(int blocks)
{
    public int[] Cursor { get; } = new int[blocks + 1];
}
