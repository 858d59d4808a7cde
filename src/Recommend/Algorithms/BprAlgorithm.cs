using System.Numerics.Tensors;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Hyperparameters;
using HttmOrleans.Recommend.Numerics;
using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// Bayesian personalised ranking (Rendle et al. 2009): SGD on (user, positive, negative) triples so that seen items
/// outrank unseen ones, with an item bias. Triples are drawn inside DSGD strata (the negative from the positive's
/// item block), which keeps the run parallel and deterministic; the items are dealt into blocks afresh every epoch,
/// so over the run every item is ranked against every other (with fixed blocks an item only ever met the sixteenth of
/// the catalogue in its own block, which cost a quarter of the NDCG).
/// </summary>
public sealed class BprAlgorithm : IRecommenderAlgorithm
{
    /// <summary>Popularity sampling draws ∝ (interactions + 1)^0.75, as word2vec does.</summary>
    internal const double PopularityExponent = 0.75;

    /// <summary>Blocks per axis of the strata grid (tests compare with one block: global sampling, one thread).</summary>
    internal int Blocks { get; init; } = Strata.DefaultBlocks;

    /// <summary>False keeps the item blocks fixed for the whole run (the behaviour before the fix, for comparison).</summary>
    internal bool ShuffleItems { get; init; } = true;

    /// <inheritdoc/>
    public string Name => "bpr";

    /// <inheritdoc/>
    public string Description => "Bayesian personalised ranking by SGD over sampled triples, for implicit feedback.";

    /// <inheritdoc/>
    public HyperparameterSchema Schema { get; } = new(
    [
        HyperparameterSpec.Int("factors", 64, 1, 1024, "Number of latent factors."),
        HyperparameterSpec.Int("epochs", 40, 1, 10_000, "Each epoch draws as many triples as there are interactions.", "iterations"),
        HyperparameterSpec.Float("lr", 0.01, 1e-6, 10, "SGD learning rate (implicit's default).", "learning_rate"),
        HyperparameterSpec.Float("reg", 0.005, 0, 100, "L2 regularisation of factors and item biases.", "regularization"),
        HyperparameterSpec.Choice("sampling", "uniform", ["uniform", "popularity"], "How negatives are drawn: uniformly, or in proportion to item popularity to the power 0.75 (harder negatives)."),
        HyperparameterSpec.Int("seed", 42, 0, int.MaxValue, "Seed of the initial factors and of sampling."),
    ]);

    /// <inheritdoc/>
    public TrainedRecommender Fit(InteractionMatrix data, ResolvedHyperparameters parameters, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var k = parameters.GetInt("factors");
        var epochs = parameters.GetInt("epochs");
        var lr = (float)parameters.GetFloat("lr");
        var reg = (float)parameters.GetFloat("reg");
        var seed = parameters.GetInt("seed");
        var users = new float[data.UserCount * k];
        var items = new float[data.ItemCount * k];
        var itemBias = new float[data.ItemCount];
        NormalStream.Fill(Seeds.Derive(seed, -1, 0), users, 0, 0.1f);
        NormalStream.Fill(Seeds.Derive(seed, -2, 0), items, 0, 0.1f);

        var strata = Strata.Build(data.ByUser, ItemCuts.EqualItemCounts, Blocks, shuffleSeed: ShuffleItems ? Seeds.Derive(seed, -3, 0) : null);
        var negatives = new NegativeSampler(data, strata, parameters.GetString("sampling") == "popularity" ? PopularityExponent : null);
        strata.Run(
            epochs,
            (epoch, cell, from, to) =>
            {
                if (to == from)
                {
                    return;
                }

                var rng = new SplitMixRandom(Seeds.Derive(seed, epoch, cell));
                var draws = negatives.ForCell(cell, from, to);
                using var visits = CellVisits.Shuffled(ref rng, from, to);
                foreach (var n in visits.Entries)
                {
                    var u = strata.Users[n];
                    var i = strata.Items[n];
                    var j = draws.DrawUnseen(ref rng, n);
                    if (j < 0)
                    {
                        continue;
                    }

                    var p = users.AsSpan(u * k, k);
                    var qi = items.AsSpan(i * k, k);
                    var qj = items.AsSpan(j * k, k);
                    var x = itemBias[i] - itemBias[j] + TensorPrimitives.Dot<float>(p, qi) - TensorPrimitives.Dot<float>(p, qj);
                    var g = 1f / (1f + MathF.Exp(x));
                    itemBias[i] += lr * (g - (reg * itemBias[i]));
                    itemBias[j] += lr * (-g - (reg * itemBias[j]));
                    Kernels.BprStep(p, qi, qj, g, lr, reg);
                }
            },
            epoch => progress?.Report(new FitProgress((epoch + 1.0) / epochs, $"epoch {epoch + 1} of {epochs}")),
            cancellationToken,
            epochStart: _ => negatives.Prepare());

        var scorer = new FactorScorer(k, users, items, null, itemBias, 0f, predictsRatings: false);
        return new TrainedRecommender(Name, parameters.ToJson(), data, scorer);
    }
}
