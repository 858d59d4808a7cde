using System.Numerics.Tensors;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Hyperparameters;
using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// Non-negative matrix factorisation of the observed ratings by regularised multiplicative updates (Luo et al. 2014,
/// as in Surprise's <c>NMF</c>): r̂ = q_i·p_u with every factor ≥ 0 (negative ratings count as 0). Users then items are updated each epoch, each
/// row independently, so the work spreads over all cores and stays deterministic.
/// </summary>
public sealed class NmfAlgorithm : IRecommenderAlgorithm
{
    /// <inheritdoc/>
    public string Name => "nmf";

    /// <inheritdoc/>
    public string Description => "Non-negative matrix factorisation by multiplicative updates, for explicit ratings.";

    /// <inheritdoc/>
    public HyperparameterSchema Schema { get; } = new(
    [
        HyperparameterSpec.Int("factors", 15, 1, 1024, "Number of non-negative latent factors.", "n_components", "n_factors"),
        HyperparameterSpec.Int("epochs", 50, 1, 10_000, "Multiplicative-update passes.", "max_iter", "n_epochs"),
        HyperparameterSpec.Float("reg_pu", 0.06, 0, 100, "L2 regularisation of user factors."),
        HyperparameterSpec.Float("reg_qi", 0.06, 0, 100, "L2 regularisation of item factors."),
        HyperparameterSpec.Float("init_low", 0, 0, 100, "Lower bound of the uniform initial factors."),
        HyperparameterSpec.Float("init_high", 1, 0, 100, "Upper bound of the uniform initial factors."),
        HyperparameterSpec.Int("seed", 42, 0, int.MaxValue, "Seed of the initial factors."),
    ]);

    /// <inheritdoc/>
    public TrainedRecommender Fit(InteractionMatrix data, ResolvedHyperparameters parameters, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var k = parameters.GetInt("factors");
        var epochs = parameters.GetInt("epochs");
        var regUser = (float)parameters.GetFloat("reg_pu");
        var regItem = (float)parameters.GetFloat("reg_qi");
        var low = (float)parameters.GetFloat("init_low");
        var high = Math.Max(low, (float)parameters.GetFloat("init_high"));
        var random = new Random(parameters.GetInt("seed"));
        var users = new float[data.UserCount * k];
        var items = new float[data.ItemCount * k];
        for (var n = 0; n < users.Length; n++)
        {
            users[n] = low + ((high - low) * random.NextSingle());
        }

        for (var n = 0; n < items.Length; n++)
        {
            items[n] = low + ((high - low) * random.NextSingle());
        }

        for (var epoch = 0; epoch < epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Parallel.For(0, data.UserCount, u => UpdateRow(users.AsSpan(u * k, k), items, k, data.ByUser.RowIndices(u), data.ByUser.RowValues(u), regUser));
            Parallel.For(0, data.ItemCount, i => UpdateRow(items.AsSpan(i * k, k), users, k, data.ByItem.RowIndices(i), data.ByItem.RowValues(i), regItem));
            progress?.Report(new FitProgress((epoch + 1.0) / epochs, $"epoch {epoch + 1} of {epochs}"));
        }

        var scorer = new FactorScorer(k, users, items, null, null, 0f, predictsRatings: true);
        return new TrainedRecommender(Name, parameters.ToJson(), data, scorer);
    }

    /// <summary>x ← x ⊙ (Σ r·y) / (Σ r̂·y + n·reg·x) over the row's observed entries; never leaves the non-negative orthant.</summary>
    private static void UpdateRow(Span<float> x, float[] others, int k, ReadOnlySpan<int> columns, ReadOnlySpan<float> ratings, float reg)
    {
        if (columns.Length == 0)
        {
            return;
        }

        Span<float> numerator = stackalloc float[k];
        Span<float> denominator = stackalloc float[k];
        numerator.Clear();
        denominator.Clear();
        for (var n = 0; n < columns.Length; n++)
        {
            var y = others.AsSpan(columns[n] * k, k);
            var estimate = TensorPrimitives.Dot<float>(x, y);

            // A negative rating would make the factor negative; it counts as the lowest possible (0).
            TensorPrimitives.MultiplyAdd(y, Math.Max(0f, ratings[n]), numerator, numerator);
            TensorPrimitives.MultiplyAdd(y, estimate, denominator, denominator);
        }

        TensorPrimitives.MultiplyAdd(x, columns.Length * reg, denominator, denominator);
        for (var f = 0; f < k; f++)
        {
            if (denominator[f] > 0)
            {
                x[f] *= numerator[f] / denominator[f];
            }
        }
    }
}
