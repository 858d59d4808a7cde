using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HttmOrleans.Recommend.Numerics;

/// <summary>
/// Factor rows for the SGD learners, each padded to whole 64-byte cache lines, the first one aligned to a line, in
/// a pinned buffer. Two rows never share a line (no false sharing between DSGD threads) and a 512-bit load never
/// straddles two. The padding starts at zero and SGD keeps it there (its gradient is a multiple of the padding),
/// so dot products over the whole stride equal those over the factors.
/// </summary>
internal sealed class AlignedRows
{
    private const int LineFloats = 64 / sizeof(float);
    private readonly float[] _buffer;
    private readonly int _offset;

    public AlignedRows(int rows, int width)
    {
        Rows = rows;
        Width = width;
        Stride = (width + LineFloats - 1) / LineFloats * LineFloats;
        _buffer = GC.AllocateArray<float>((rows * Stride) + LineFloats, pinned: true);
        var address = Marshal.UnsafeAddrOfPinnedArrayElement(_buffer, 0);
        _offset = (int)((64 - (address % 64)) % 64) / sizeof(float);
    }

    public int Rows { get; }

    public int Width { get; }

    /// <summary>Floats from one row to the next: <see cref="Width"/> rounded up to a cache line.</summary>
    public int Stride { get; }

    /// <summary>The first float of row 0; row r starts <c>r · Stride</c> floats further.</summary>
    public ref float Origin => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), _offset);

    /// <summary>The whole padded row (its padding included).</summary>
    public Span<float> PaddedRow(int row) => _buffer.AsSpan(_offset + (row * Stride), Stride);

    /// <summary>Fills the factors (not the padding) with normal(mean, std) draws from a seeded stream.</summary>
    public void FillNormal(int seed, float mean, float std)
    {
        var normals = new NormalStream(seed);
        for (var r = 0; r < Rows; r++)
        {
            normals.Fill(PaddedRow(r)[..Width], mean, std);
        }
    }

    /// <summary>The rows without padding, <see cref="Width"/> floats each, as the scorers store them.</summary>
    public float[] ToDense()
    {
        var dense = new float[Rows * Width];
        for (var r = 0; r < Rows; r++)
        {
            PaddedRow(r)[..Width].CopyTo(dense.AsSpan(r * Width));
        }

        return dense;
    }
}
