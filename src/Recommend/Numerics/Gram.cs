using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HttmOrleans.Recommend.Numerics;

/// <summary>Dense k × k helpers for ALS: the Gram matrix YᵀY and its product with a vector.</summary>
internal static class Gram
{
    /// <summary>Fixed chunk count so partial sums are added in the same order on every machine.</summary>
    private const int Chunks = 32;

    /// <summary>Returns YᵀY + λI over Y's padded rows (stride × stride; padding rows and columns are λI).</summary>
    public static float[] Compute(AlignedRows y, float lambda)
    {
        var (rows, k) = (y.Rows, y.Stride);
        var partials = new float[Chunks][];
        Parallel.For(0, Chunks, c =>
        {
            var partial = new float[k * k];
            var from = (int)((long)rows * c / Chunks);
            var to = (int)((long)rows * (c + 1) / Chunks);
            for (var r = from; r < to; r++)
            {
                var row = y.PaddedRow(r);
                for (var a = 0; a < k; a++)
                {
                    TensorPrimitives.MultiplyAdd(row, row[a], partial.AsSpan(a * k, k), partial.AsSpan(a * k, k));
                }
            }

            partials[c] = partial;
        });

        var gram = partials[0];
        for (var c = 1; c < Chunks; c++)
        {
            TensorPrimitives.Add(gram, partials[c], gram);
        }

        for (var a = 0; a < k; a++)
        {
            gram[(a * k) + a] += lambda;
        }

        return gram;
    }

    /// <summary>destination = G·x for a row-major symmetric k × k matrix.</summary>
    /// <remarks>
    /// Symmetry lets it add scaled rows (destination = Σ_b x_b·G_b) instead of taking k dot products: plain
    /// vector multiply-adds with no horizontal sums and no call per row, which matters because ALS does this
    /// a few times for every user and item of every iteration.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ReadOnlySpan<float> gram, ReadOnlySpan<float> x, Span<float> destination)
    {
        var k = x.Length;
        var width = Vector<float>.Count;
        var vectors = Vector.IsHardwareAccelerated ? k / width : 0;
        destination.Clear();
        var vd = MemoryMarshal.Cast<float, Vector<float>>(destination)[..vectors];
        for (var b = 0; b < k; b++)
        {
            var row = gram.Slice(b * k, k);
            var xb = x[b];
            var scale = new Vector<float>(xb);
            var vr = MemoryMarshal.Cast<float, Vector<float>>(row)[..vectors];
            for (var i = 0; i < vd.Length; i++)
            {
                vd[i] += scale * vr[i];
            }

            for (var i = vectors * width; i < k; i++)
            {
                destination[i] += xb * row[i];
            }
        }
    }
}
