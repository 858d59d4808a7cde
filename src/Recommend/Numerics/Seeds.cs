namespace HttmOrleans.Recommend.Numerics;

/// <summary>
/// Derives per-task seeds from a user's seed. Not <c>HashCode.Combine</c>: that is randomised per process,
/// so a "seeded" run would differ from one process to the next.
/// </summary>
internal static class Seeds
{
    /// <summary>A seed for part (<paramref name="a"/>, <paramref name="b"/>) of a run seeded with <paramref name="seed"/> (SplitMix64 mixing).</summary>
    public static int Derive(int seed, int a, int b)
    {
        var x = unchecked(((ulong)(uint)seed << 32) ^ ((ulong)(uint)a * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)b * 0xC2B2AE3D27D4EB4FUL));
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (int)(x & int.MaxValue);
    }
}
