using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Hyperparameters;
using HttmOrleans.Recommend.Numerics;
using HttmOrleans.Recommend.Serving;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// A hybrid matrix factorisation in the spirit of LightFM (Kula 2015): users and items are the normalised sums of
/// the embeddings (and, for items, biases) of their features plus, optionally, their own identity, trained with the
/// WARP or BPR ranking loss and AdaGrad. Features let it rank items that never had an interaction and users known
/// only by their features, also from features given at request time. Parallel over DSGD strata and deterministic
/// for a seed: see <see cref="HybridTrainer"/> and <see cref="HybridSide"/>.
/// </summary>
public sealed class HybridAlgorithm : IRecommenderAlgorithm
{
    /// <summary>Worker threads; the core count when null (tests pin it to show it does not change the model).</summary>
    internal int? Threads { get; init; }

    /// <inheritdoc/>
    public string Name => "hybrid";

    /// <inheritdoc/>
    public string Description => "Users and items as sums of feature embeddings (LightFM-style), WARP or BPR loss; ranks cold items and new users from their features.";

    /// <inheritdoc/>
    public HyperparameterSchema Schema { get; } = new(
    [
        HyperparameterSpec.Int("components", 64, 1, 1024, "Embedding dimension.", "n_components"),
        HyperparameterSpec.Int("epochs", 30, 1, 10_000, "Passes over the interactions.", "iterations"),
        HyperparameterSpec.Choice("loss", "warp", ["warp", "bpr"], "warp: sample negatives until one violates the margin, weight by the estimated rank; bpr: one negative, logistic loss."),
        HyperparameterSpec.Float("learning_rate", 0.02, 1e-6, 10, "AdaGrad's initial step (LightFM uses 0.05 for its per-sample updates; shared features here take one step per round).", "lr"),
        HyperparameterSpec.Float("epsilon", 1.0, 1e-12, 1e6, "Added to AdaGrad's sum of squared gradients (LightFM starts that sum at 1)."),
        HyperparameterSpec.Float("user_alpha", 0.0, 0, 100, "L2 penalty on user feature and identity embeddings, per update."),
        HyperparameterSpec.Float("item_alpha", 0.0, 0, 100, "L2 penalty on item feature and identity embeddings and biases, per update."),
        HyperparameterSpec.Int("max_sampled", 10, 1, 10_000, "WARP: negatives drawn per positive before giving up."),
        HyperparameterSpec.Bool("identity", true, "Add each user's and item's own embedding to its features (entities without training interactions never get one)."),
        HyperparameterSpec.Int("seed", 42, 0, int.MaxValue, "Seed of the initial embeddings and of sampling."),
    ]);

    /// <inheritdoc/>
    public TrainedRecommender Fit(InteractionMatrix data, ResolvedHyperparameters parameters, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var settings = new HybridSettings(
            parameters.GetInt("components"),
            parameters.GetString("loss") == "warp",
            (float)parameters.GetFloat("learning_rate"),
            (float)parameters.GetFloat("epsilon"),
            parameters.GetInt("max_sampled"),
            parameters.GetInt("seed"));
        var epochs = parameters.GetInt("epochs");
        var identity = parameters.GetBool("identity");
        var k = settings.Components;
        var strata = Strata.Build(data.ByUser, ItemCuts.EqualItemCounts, shuffleSeed: Seeds.Derive(settings.Seed, -3, 0));
        var users = new HybridSide(data.UserFeatures, data.ByUser, identity, k, (float)parameters.GetFloat("user_alpha"), Seeds.Derive(settings.Seed, -1, 0), strata.Blocks);
        var items = new HybridSide(data.ItemFeatures, data.ByItem, identity, k, (float)parameters.GetFloat("item_alpha"), Seeds.Derive(settings.Seed, -2, 0), strata.Blocks);

        // Items without training interactions carry no evidence: never a negative, and not counted in WARP's rank.
        var negatives = new NegativeSampler(data, strata, popularityExponent: null, skipUntouched: true);

        var trainer = new HybridTrainer(strata, negatives, users, items, settings);
        strata.Run(
            epochs,
            trainer.Cell,
            epoch => progress?.Report(new FitProgress((epoch + 1.0) / epochs, $"epoch {epoch + 1} of {epochs}")),
            cancellationToken,
            Threads,
            epochStart: _ => negatives.Prepare(),
            roundSync: trainer,
            balanced: true);
        users.RebuildAll();
        items.RebuildAll();

        return new TrainedRecommender(Name, parameters.ToJson(), data, FeatureEmbeddingScorer.From(users, items, k));
    }
}
