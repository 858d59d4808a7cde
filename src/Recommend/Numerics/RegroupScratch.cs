namespace HttmOrleans.Recommend.Numerics;

/// <summary>One worker's buffers for <see cref="Strata.Regroup"/>.</summary>
internal sealed class RegroupScratch(int length, int blocks)
{
    public int[] Users { get; } = new int[length];

    public int[] Items { get; } = new int[length];

    public float[] Values { get; } = new float[length];

    public int[] Cursor { get; } = new int[blocks + 1];
}
