using System.Numerics.Tensors;
using HttmOrleans.Recommend.Serving;
using static HttmOrleans.Recommend.Algorithms.FfmLayout;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// Folds a trained FFM into per-user and per-item vectors. ML.NET's response for one example is
/// Σ w_j x_j + Σ_{f&lt;g} ⟨q_{f,g}, q_{g,f}⟩ + ½ Σ_f (‖q_{f,f}‖² − Σ_{j∈f} x_j² ‖v_{j,f}‖²), where
/// q_{f,g} = Σ_{j∈f} x_j v_{j,g}. The cross terms between a user-side field A ∈ {user, user features} and an
/// item-side field B ∈ {item, item features} are ⟨q_{A,B}, q_{B,A}⟩: one dot product of the concatenation
/// [q_{U,I}, q_{U,IF}, q_{UF,I}, q_{UF,IF}] with [q_{I,U}, q_{IF,U}, q_{I,UF}, q_{IF,UF}]. Terms of the item's
/// fields alone are its bias; the user's alone are the same for every item and drop out of a ranking.
/// An identity never seen in training kept ML.NET's random initial weights, so it is left out (zero): such an
/// entity is represented by its features only.
/// </summary>
internal static class FfmFolding
{
    public static FieldAwareScorer Fold(FfmLayout layout, IReadOnlyList<float> linear, IReadOnlyList<float> latent, int k)
    {
        var w = linear as float[] ?? [.. linear];
        var v = latent as float[] ?? [.. latent];
        var d = 4 * k;
        var users = new float[layout.Users * d];
        var items = new float[layout.Items * d];
        var itemBias = new float[layout.Items];

        // Per user feature: [v_{f,I} | v_{f,IF}], what a user's features contribute to its vector's last two blocks.
        var featureVectors = new float[layout.UserFeatureNames.Count * 2 * k];
        for (var f = 0; f < layout.UserFeatureNames.Count; f++)
        {
            var j = layout.Offsets[UserFeatureField] + f;
            Latent(v, j, ItemField, k).CopyTo(featureVectors.AsSpan(f * 2 * k, k));
            Latent(v, j, ItemFeatureField, k).CopyTo(featureVectors.AsSpan((f * 2 * k) + k, k));
        }

        var scorable = new bool[layout.Users];
        for (var u = 0; u < layout.Users; u++)
        {
            var row = users.AsSpan(u * d, d);
            if (layout.WarmUsers[u])
            {
                var j = layout.Offsets[UserField] + u;
                Latent(v, j, ItemField, k).CopyTo(row[..k]);
                Latent(v, j, ItemFeatureField, k).CopyTo(row.Slice(k, k));
            }

            var features = layout.UserFeatures[u];
            AddFeatures(featureVectors, k, features.GetIndices(), features.GetValues(), row[(2 * k)..]);
            scorable[u] = layout.WarmUsers[u] || features.GetValues().Length > 0;
        }

        var q13 = new float[k];
        var q31 = new float[k];
        var q33 = new float[k];
        for (var i = 0; i < layout.Items; i++)
        {
            var row = items.AsSpan(i * d, d);
            var bias = 0f;
            q13.AsSpan().Clear();
            if (layout.WarmItems[i])
            {
                var j = layout.Offsets[ItemField] + i;
                Latent(v, j, UserField, k).CopyTo(row[..k]);
                Latent(v, j, UserFeatureField, k).CopyTo(row.Slice(2 * k, k));
                Latent(v, j, ItemFeatureField, k).CopyTo(q13);
                bias += w[j];
            }

            q31.AsSpan().Clear();
            q33.AsSpan().Clear();
            var within = 0f;
            var features = layout.ItemFeatures[i];
            var indices = features.GetIndices();
            var values = features.GetValues();
            for (var n = 0; n < values.Length; n++)
            {
                var j = layout.Offsets[ItemFeatureField] + indices[n];
                var x = values[n];
                bias += w[j] * x;
                TensorPrimitives.MultiplyAdd(Latent(v, j, UserField, k), x, row.Slice(k, k), row.Slice(k, k));
                TensorPrimitives.MultiplyAdd(Latent(v, j, UserFeatureField, k), x, row.Slice(3 * k, k), row.Slice(3 * k, k));
                TensorPrimitives.MultiplyAdd(Latent(v, j, ItemField, k), x, q31, q31);
                var own = Latent(v, j, ItemFeatureField, k);
                TensorPrimitives.MultiplyAdd(own, x, q33, q33);
                within -= x * x * TensorPrimitives.SumOfSquares(own);
            }

            itemBias[i] = bias + TensorPrimitives.Dot<float>(q13, q31) + (0.5f * (TensorPrimitives.SumOfSquares<float>(q33) + within));
        }

        return new FieldAwareScorer(k, users, items, itemBias, scorable, layout.UserFeatureNames, featureVectors);
    }

    /// <summary>Adds Σ x_f [v_{f,I} | v_{f,IF}] over a user's features to <paramref name="target"/> (2k values).</summary>
    public static void AddFeatures(ReadOnlySpan<float> featureVectors, int k, ReadOnlySpan<int> indices, ReadOnlySpan<float> values, Span<float> target)
    {
        for (var n = 0; n < values.Length; n++)
        {
            TensorPrimitives.MultiplyAdd(featureVectors.Slice(indices[n] * 2 * k, 2 * k), values[n], target, target);
        }
    }

    private static ReadOnlySpan<float> Latent(float[] v, int feature, int field, int k) =>
        v.AsSpan(((feature * FieldCount) + field) * k, k);
}
