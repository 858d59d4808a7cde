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

    [Theory]
    [InlineData(37, true)] // one block of four vectors and a scalar tail
    [InlineData(5, false)] // tail only
    [InlineData(64, false)]
    public void Scoring_the_catalogue_gives_each_item_its_dot_product_plus_bias(int items, bool biased)
    {
        const int k = 24;
        var random = new Random(items);
        float[] Draw(int n) => Enumerable.Range(0, n).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var (users, itemFactors, itemBias) = (Draw(3 * k), Draw(items * k), Draw(items));
        var scorer = new Serving.FactorScorer(k, users, itemFactors, null, biased ? itemBias : null, 0, predictsRatings: false);
        var scores = new float[items];

        scorer.ScoreAll(2, [], [], scores);

        for (var i = 0; i < items; i++)
        {
            var expected = System.Numerics.Tensors.TensorPrimitives.Dot<float>(users.AsSpan(2 * k, k), itemFactors.AsSpan(i * k, k)) + (biased ? itemBias[i] : 0);
            Assert.Equal(expected, scores[i], 1e-5f);
        }
    }
}
