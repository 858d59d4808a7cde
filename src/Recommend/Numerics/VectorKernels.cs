using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HttmOrleans.Recommend.Numerics;

/// <summary>
/// Fused loops for the per-sample updates of the SGD trainers: one pass over the operands where a chain of
/// <see cref="System.Numerics.Tensors.TensorPrimitives"/> calls would take one call (and one pass) each, which at
/// 64 components costs more than the arithmetic.
/// </summary>
internal static class VectorKernels
{
    /// <summary>True where a fused multiply-add is one instruction (else <see cref="Fma"/> would be emulated, slowly).</summary>
    private static readonly bool FusedInHardware = System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;

    /// <summary>a·b + c, fused (one rounding) where the hardware has it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Fma(Vector<float> a, Vector<float> b, Vector<float> c) =>
        FusedInHardware ? Vector.FusedMultiplyAdd(a, b, c) : (a * b) + c;

    /// <summary>
    /// The sum of a vector's lanes. For 256-bit vectors the halves are added first, which takes half the shuffles of
    /// <see cref="Vector.Sum{T}(Vector{T})"/> (it sums each half on its own). Used where it was measured, in WARP's
    /// draw loop; moving <see cref="Dot"/> and the other kernels onto it changes every model's last bits, and in the
    /// paired runs tried it showed no gain.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector<float> v)
    {
        if (Vector<float>.Count == Vector256<float>.Count)
        {
            var wide = v.AsVector256();
            return Vector128.Sum(wide.GetLower() + wide.GetUpper());
        }

        return Vector.Sum(v);
    }

    /// <summary>
    /// 1/√x from the hardware's estimate refined by one Newton step: about 2⁻²² relative on x86 (a 12-bit estimate),
    /// 2⁻¹⁶ on Arm (8 bits). A square root and a division are two long-latency instructions, and an AdaGrad step
    /// takes one such pair per updated row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float InverseSqrt(float x)
    {
        var y = MathF.ReciprocalSqrtEstimate(x);
        return y * (1.5f - (0.5f * x * y * y));
    }

    /// <summary>
    /// a·b for the short rows of the trainers, four vectors at a time; a and b have the same length. Inlined where
    /// <see cref="System.Numerics.Tensors.TensorPrimitives.Dot{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>'s
    /// general dispatch cost about as much as the arithmetic of 64 components.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = a.Length;
        if (b.Length != length)
        {
            throw new ArgumentException("Spans differ in length.", nameof(b));
        }

        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var n = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated && length >= 4 * Vector<float>.Count)
        {
            var width = Vector<float>.Count;
            Vector<float> s0 = default, s1 = default, s2 = default, s3 = default;
            for (; n <= length - (4 * width); n += 4 * width)
            {
                s0 = Fma(Vector.LoadUnsafe(ref ra, (nuint)n), Vector.LoadUnsafe(ref rb, (nuint)n), s0);
                s1 = Fma(Vector.LoadUnsafe(ref ra, (nuint)(n + width)), Vector.LoadUnsafe(ref rb, (nuint)(n + width)), s1);
                s2 = Fma(Vector.LoadUnsafe(ref ra, (nuint)(n + (2 * width))), Vector.LoadUnsafe(ref rb, (nuint)(n + (2 * width))), s2);
                s3 = Fma(Vector.LoadUnsafe(ref ra, (nuint)(n + (3 * width))), Vector.LoadUnsafe(ref rb, (nuint)(n + (3 * width))), s3);
            }

            for (; n <= length - width; n += width)
            {
                s0 = Fma(Vector.LoadUnsafe(ref ra, (nuint)n), Vector.LoadUnsafe(ref rb, (nuint)n), s0);
            }

            sum = Vector.Sum((s0 + s1) + (s2 + s3));
        }

        for (; n < length; n++)
        {
            sum += Unsafe.Add(ref ra, n) * Unsafe.Add(ref rb, n);
        }

        return sum;
    }

    /// <summary>a += α·v; both spans have the same length and do not overlap.</summary>
    public static void AddScaled(ReadOnlySpan<float> v, float alpha, Span<float> a)
    {
        var length = v.Length;
        if (a.Length != length)
        {
            throw new ArgumentException("Spans differ in length.", nameof(a));
        }

        ref var rv = ref MemoryMarshal.GetReference(v);
        ref var ra = ref MemoryMarshal.GetReference(a);
        var n = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<float>(alpha);
            for (; n <= length - Vector<float>.Count; n += Vector<float>.Count)
            {
                Vector.StoreUnsafe(Fma(va, Vector.LoadUnsafe(ref rv, (nuint)n), Vector.LoadUnsafe(ref ra, (nuint)n)), ref ra, (nuint)n);
            }
        }

        for (; n < length; n++)
        {
            Unsafe.Add(ref ra, n) += alpha * Unsafe.Add(ref rv, n);
        }
    }

    /// <summary>a += α·v, b += β·v; all three spans have the same length and do not overlap.</summary>
    public static void AddScaled2(ReadOnlySpan<float> v, Span<float> a, float alpha, Span<float> b, float beta)
    {
        var length = v.Length;
        if (a.Length != length || b.Length != length)
        {
            throw new ArgumentException("Spans differ in length.", nameof(v));
        }

        ref var rv = ref MemoryMarshal.GetReference(v);
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var n = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<float>(alpha);
            var vb = new Vector<float>(beta);
            for (; n <= length - Vector<float>.Count; n += Vector<float>.Count)
            {
                var x = Vector.LoadUnsafe(ref rv, (nuint)n);
                Vector.StoreUnsafe(Fma(va, x, Vector.LoadUnsafe(ref ra, (nuint)n)), ref ra, (nuint)n);
                Vector.StoreUnsafe(Fma(vb, x, Vector.LoadUnsafe(ref rb, (nuint)n)), ref rb, (nuint)n);
            }
        }

        for (; n < length; n++)
        {
            var x = Unsafe.Add(ref rv, n);
            Unsafe.Add(ref ra, n) += alpha * x;
            Unsafe.Add(ref rb, n) += beta * x;
        }
    }

    /// <summary>destination = a − b; returns destination·destination. All three spans have the same length.</summary>
    public static float SubtractSquared(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination)
    {
        var length = a.Length;
        if (b.Length != length || destination.Length != length)
        {
            throw new ArgumentException("Spans differ in length.", nameof(b));
        }

        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        ref var rd = ref MemoryMarshal.GetReference(destination);
        var n = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> s0 = default;
            for (; n <= length - Vector<float>.Count; n += Vector<float>.Count)
            {
                var x = Vector.LoadUnsafe(ref ra, (nuint)n) - Vector.LoadUnsafe(ref rb, (nuint)n);
                Vector.StoreUnsafe(x, ref rd, (nuint)n);
                s0 = Fma(x, x, s0);
            }

            sum = Vector.Sum(s0);
        }

        for (; n < length; n++)
        {
            var x = Unsafe.Add(ref ra, n) - Unsafe.Add(ref rb, n);
            Unsafe.Add(ref rd, n) = x;
            sum += x * x;
        }

        return sum;
    }

    /// <summary>
    /// destination += Σₙ weights[n]·row rows[n] of <paramref name="matrix"/> (rows of <paramref name="k"/> values),
    /// summed in registers a few vectors wide, so destination is read and written once instead of once per row.
    /// </summary>
    public static void AddWeightedRows(ReadOnlySpan<float> matrix, int k, ReadOnlySpan<int> rows, ReadOnlySpan<float> weights, Span<float> destination)
    {
        if (destination.Length != k || weights.Length != rows.Length)
        {
            throw new ArgumentException("Spans differ in length.", nameof(destination));
        }

        ref var rd = ref MemoryMarshal.GetReference(destination);
        var width = Vector<float>.Count;
        var c = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; c <= k - (4 * width); c += 4 * width)
            {
                var s0 = Vector.LoadUnsafe(ref rd, (nuint)c);
                var s1 = Vector.LoadUnsafe(ref rd, (nuint)(c + width));
                var s2 = Vector.LoadUnsafe(ref rd, (nuint)(c + (2 * width)));
                var s3 = Vector.LoadUnsafe(ref rd, (nuint)(c + (3 * width)));
                for (var n = 0; n < rows.Length; n++)
                {
                    var w = new Vector<float>(weights[n]);
                    ref var r = ref MemoryMarshal.GetReference(matrix.Slice((rows[n] * k) + c, 4 * width));
                    s0 = Fma(w, Vector.LoadUnsafe(ref r), s0);
                    s1 = Fma(w, Vector.LoadUnsafe(ref r, (nuint)width), s1);
                    s2 = Fma(w, Vector.LoadUnsafe(ref r, (nuint)(2 * width)), s2);
                    s3 = Fma(w, Vector.LoadUnsafe(ref r, (nuint)(3 * width)), s3);
                }

                Vector.StoreUnsafe(s0, ref rd, (nuint)c);
                Vector.StoreUnsafe(s1, ref rd, (nuint)(c + width));
                Vector.StoreUnsafe(s2, ref rd, (nuint)(c + (2 * width)));
                Vector.StoreUnsafe(s3, ref rd, (nuint)(c + (3 * width)));
            }

            for (; c <= k - width; c += width)
            {
                var s0 = Vector.LoadUnsafe(ref rd, (nuint)c);
                for (var n = 0; n < rows.Length; n++)
                {
                    s0 = Fma(new Vector<float>(weights[n]), Vector.LoadUnsafe(ref MemoryMarshal.GetReference(matrix.Slice((rows[n] * k) + c, width))), s0);
                }

                Vector.StoreUnsafe(s0, ref rd, (nuint)c);
            }
        }

        for (; c < k; c++)
        {
            var sum = destination[c];
            for (var n = 0; n < rows.Length; n++)
            {
                sum += weights[n] * matrix[(rows[n] * k) + c];
            }

            destination[c] = sum;
        }
    }
}
