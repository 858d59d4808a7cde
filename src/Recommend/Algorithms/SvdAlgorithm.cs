using System.Numerics.Tensors;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Hyperparameters;
using HttmOrleans.Recommend.Numerics;
using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// Biased matrix factorisation trained by SGD as in Funk and Surprise's <c>SVD</c>:
/// r̂ = μ + b_u + b_i + q_i·p_u. Defaults are Surprise's. Parallel and deterministic through DSGD strata (<see cref="Strata"/>), one fused SIMD kernel per rating
/// (<see cref="SvdKernel"/>).
/// </summary>
public sealed class SvdAlgorithm : IRecommenderAlgorithm
{
    /// <inheritdoc/>
    public string Name => "svd";

    /// <inheritdoc/>
    public string Description => "Biased matrix factorisation by SGD (Funk / Surprise SVD), for explicit ratings.";

    /// <inheritdoc/>
    public HyperparameterSchema Schema { get; } = new(
    [
        HyperparameterSpec.Int("factors", 100, 1, 1024, "Number of latent factors.", "n_factors"),
        HyperparameterSpec.Int("epochs", 20, 1, 10_000, "Passes over the training ratings.", "n_epochs"),
        HyperparameterSpec.Float("lr", 0.005, 1e-6, 1, "SGD learning rate for factors and biases.", "lr_all"),
        HyperparameterSpec.Float("reg", 0.02, 0, 100, "L2 regularisation of factors and biases.", "reg_all"),
        HyperparameterSpec.Float("init_mean", 0, -10, 10, "Mean of the normal initial factors."),
        HyperparameterSpec.Float("init_std", 0.1, 0, 10, "Standard deviation of the normal initial factors.", "init_std_dev"),
        HyperparameterSpec.Bool("biased", true, "Learn the global mean and user/item biases (false: plain q_i·p_u)."),
        HyperparameterSpec.Int("seed", 42, 0, int.MaxValue, "Seed of the initial factors."),
    ]);

    /// <inheritdoc/>
    public TrainedRecommender Fit(InteractionMatrix data, ResolvedHyperparameters parameters, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var k = parameters.GetInt("factors");
        var epochs = parameters.GetInt("epochs");
        var lr = (float)parameters.GetFloat("lr");
        var reg = (float)parameters.GetFloat("reg");
        var biased = parameters.GetBool("biased");
        var mean = (float)parameters.GetFloat("init_mean");
        var std = (float)parameters.GetFloat("init_std");

        var seed = parameters.GetInt("seed");
        var users = new AlignedRows(data.UserCount, k);
        var items = new AlignedRows(data.ItemCount, k);
        users.FillNormal(Seeds.Derive(seed, -1, 0), mean, std);
        items.FillNormal(Seeds.Derive(seed, -2, 0), mean, std);
        var userBias = new float[data.UserCount];
        var itemBias = new float[data.ItemCount];
        var globalMean = biased && data.Count > 0 ? TensorPrimitives.Sum<float>(data.ByUser.Values) / data.Count : 0f;

        var setup = new SvdKernel.Setup(Strata.Build(data.ByUser), users, items, userBias, itemBias, globalMean, lr, reg, biased);
        setup.Strata.Run(
            epochs,
            (_, _, from, to) => SvdKernel.Pass(setup, from, to),
            epoch => progress?.Report(new FitProgress((epoch + 1.0) / epochs, $"epoch {epoch + 1} of {epochs}")),
            cancellationToken);

        var scorer = new FactorScorer(k, users.ToDense(), items.ToDense(), biased ? userBias : null, biased ? itemBias : null, globalMean, predictsRatings: true);
        return new TrainedRecommender(Name, parameters.ToJson(), data, scorer);
    }
}
