namespace HttmOrleans.Recommend.Numerics;

/// <summary>
/// Standard normal draws by Box–Muller in single precision over SplitMix64: about ten times faster than
/// <see cref="Kernels.FillNormal"/> over <see cref="Random"/>, which at MovieLens-100k size took a sixth of an SVD fit.
/// </summary>
internal struct NormalStream(int seed)
{
    private ulong _state = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
    private float _spare;
    private bool _hasSpare;

    /// <summary>Fills <paramref name="values"/> with normal(mean, std) draws seeded by <paramref name="seed"/>.</summary>
    public static void Fill(int seed, Span<float> values, float mean, float std) => new NormalStream(seed).Fill(values, mean, std);

    /// <summary>Fills <paramref name="values"/> with the stream's next normal(mean, std) draws.</summary>
    public void Fill(Span<float> values, float mean, float std)
    {
        for (var n = 0; n < values.Length; n++)
        {
            values[n] = mean + (std * Next());
        }
    }

    public float Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        var bits = NextBits();
        var u1 = ((uint)(bits >> 40) + 1) * (1f / (1 << 24)); // (0, 1]: the logarithm stays finite
        var u2 = (uint)(bits & 0xFFFFFF) * (1f / (1 << 24));
        var radius = MathF.Sqrt(-2f * MathF.Log(u1));
        var (sin, cos) = MathF.SinCos(2f * MathF.PI * u2);
        _spare = radius * sin;
        _hasSpare = true;
        return radius * cos;
    }

    private ulong NextBits()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
