using HttmOrleans.Recommend.Data;

namespace HttmOrleans.Recommend.Tests;

/// <summary>
/// Textbook BPR (Rendle et al. 2009) as the yardstick for ours: one thread, a uniformly drawn interaction as the
/// positive, a negative drawn uniformly from the whole catalogue until unseen, plain SGD with an item bias.
/// </summary>
internal static class ReferenceBpr
{
    /// <summary>Fits and returns (user factors, item factors, item biases).</summary>
    public static (float[] Users, float[] Items, float[] Bias) Fit(InteractionMatrix data, int k, int epochs, float lr, float reg, int seed)
    {
        var random = new Random(seed);
        var users = Normal(random, data.UserCount * k);
        var items = Normal(random, data.ItemCount * k);
        var bias = new float[data.ItemCount];
        var byUser = data.ByUser;
        var rowOf = new int[byUser.Count];
        for (var u = 0; u < byUser.Rows; u++)
        {
            Array.Fill(rowOf, u, byUser.RowPointers[u], byUser.RowLength(u));
        }

        for (var step = 0; step < epochs * byUser.Count; step++)
        {
            var n = random.Next(byUser.Count);
            var u = rowOf[n];
            var i = byUser.ColumnIndices[n];
            int j;
            do
            {
                j = random.Next(data.ItemCount);
            }
            while (byUser.Contains(u, j));

            var x = bias[i] - bias[j];
            for (var f = 0; f < k; f++)
            {
                x += users[(u * k) + f] * (items[(i * k) + f] - items[(j * k) + f]);
            }

            var g = 1f / (1f + MathF.Exp(x));
            bias[i] += lr * (g - (reg * bias[i]));
            bias[j] += lr * (-g - (reg * bias[j]));
            for (var f = 0; f < k; f++)
            {
                var p = users[(u * k) + f];
                var qi = items[(i * k) + f];
                var qj = items[(j * k) + f];
                users[(u * k) + f] += lr * ((g * (qi - qj)) - (reg * p));
                items[(i * k) + f] += lr * ((g * p) - (reg * qi));
                items[(j * k) + f] += lr * ((-g * p) - (reg * qj));
            }
        }

        return (users, items, bias);
    }

    private static float[] Normal(Random random, int length)
    {
        var values = new float[length];
        for (var n = 0; n < length; n++)
        {
            values[n] = 0.1f * (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        return values;
    }
}
