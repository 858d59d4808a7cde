using System.Runtime.CompilerServices;

namespace HttmOrleans.Recommend.Numerics;

/// <summary>
/// A SplitMix64 generator for the inner loops of SGD: a value type whose draws inline, several times faster than a
/// seeded <see cref="Random"/> (its legacy subtractive generator behind a virtual call), which the WARP loop calls
/// up to a dozen times per sample. Bounded draws use Lemire's multiply-shift (bias below 2⁻³² per value).
/// </summary>
internal struct SplitMixRandom(int seed)
{
    private ulong _state = unchecked(((ulong)(uint)seed << 32) ^ 0xD1B54A32D192ED03UL);

    /// <summary>A uniform integer in [0, <paramref name="bound"/>); <paramref name="bound"/> must be positive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int bound) => (int)(((ulong)NextUInt32() * (uint)bound) >> 32);

    /// <summary>A uniform integer in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int from, int to) => from + Next(to - from);

    /// <summary>Puts <paramref name="values"/> in a uniformly random order (Fisher–Yates).</summary>
    public void Shuffle(Span<int> values)
    {
        for (var n = values.Length - 1; n > 0; n--)
        {
            var m = Next(n + 1);
            (values[n], values[m]) = (values[m], values[n]);
        }
    }

    /// <summary>A uniform double in [0, 1), from 32 random bits.</summary>
    public double NextDouble() => NextUInt32() * (1.0 / 4294967296.0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint NextUInt32()
    {
        var z = unchecked(_state += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (uint)((z ^ (z >> 31)) >> 32);
    }
}
