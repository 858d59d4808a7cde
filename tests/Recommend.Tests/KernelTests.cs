using System.Runtime.Intrinsics;
using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Numerics;
using HttmOrleans.Recommend.Synthetic;

namespace HttmOrleans.Recommend.Tests;

public sealed class KernelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(8)]
    public void The_register_kernel_matches_the_span_kernel(int vectors)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            return; // ALS uses the span kernel on this CPU; nothing to compare.
        }

        var k = vectors * 16;
        var random = new Random(vectors);
        var row = Enumerable.Range(0, k).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var v = Enumerable.Range(0, k).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var expected = Enumerable.Range(0, k).Select(_ => (float)random.NextDouble()).ToArray();
        var actual = (float[])expected.Clone();

        Kernels.AddScaledByDot(row, v, 1.5f, -0.75f, expected);
        Kernels.AddScaledByDot512(ref row[0], ref v[0], vectors, 1.5f, -0.75f, ref actual[0]);

        for (var n = 0; n < k; n++)
        {
            Assert.Equal(expected[n], actual[n], 1e-5f);
        }
    }
}
