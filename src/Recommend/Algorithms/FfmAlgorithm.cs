using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Hyperparameters;
using HttmOrleans.Recommend.Serving;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace HttmOrleans.Recommend.Algorithms;

/// <summary>
/// A field-aware factorization machine (Juan et al. 2016) trained by ML.NET's
/// <see cref="FieldAwareFactorizationMachineTrainer"/> as a binary classifier: every interaction is a positive,
/// <c>negatives</c> uniformly drawn unseen items per positive are negatives. Four fields: user identity, item
/// identity, user features, item features. Serving never calls ML.NET: the learned weights are folded into one
/// vector per user and per item plus an item bias (<see cref="FfmFolding"/>), so a top-N is one matrix–vector product.
/// </summary>
/// <remarks>
/// Determinism: ML.NET's FFM trainer is single-threaded SGD (AdaGrad); its initial weights come from the
/// <see cref="MLContext"/> seed and the examples' order and negatives from <c>seed</c>, so a seed gives the same model
/// whatever the number of cores. Feature values are scaled here (each entity's feature row to unit length, identity 1)
/// and ML.NET's own per-example normalization is off: it divides by a norm that mixes the user's and the item's
/// features, which would not fold into separate user and item vectors.
/// </remarks>
public sealed class FfmAlgorithm : IRecommenderAlgorithm
{
    /// <inheritdoc/>
    public string Name => "ffm";

    /// <inheritdoc/>
    public string Description => "Field-aware factorization machine (ML.NET) over user, item, user-feature and item-feature fields, for cold start.";

    /// <inheritdoc/>
    public HyperparameterSchema Schema { get; } = new(
    [
        HyperparameterSpec.Int("components", 8, 1, 256, "Latent dimension of each feature's vector per field (ML.NET LatentDimension); served vectors have 4 × components values.", "latent_dimension", "factors"),
        HyperparameterSpec.Int("iterations", 5, 1, 1000, "Passes over the examples (ML.NET NumberOfIterations); each pass draws fresh negatives.", "epochs"),
        HyperparameterSpec.Float("learning_rate", 0.2, 1e-6, 10, "AdaGrad initial learning rate (ML.NET's default is 0.1; 0.2 reaches the same quality in half the passes here).", "lr"),
        HyperparameterSpec.Float("lambda_linear", 1e-4, 0, 10, "L2 regularisation of the linear weights."),
        HyperparameterSpec.Float("lambda_latent", 1e-4, 0, 10, "L2 regularisation of the latent vectors."),
        HyperparameterSpec.Int("negatives", 2, 1, 100, "Negatives (uniform unseen items with interactions) drawn per positive and pass."),
        HyperparameterSpec.Int("seed", 42, 0, int.MaxValue, "Seed of ML.NET's initial weights, the negatives and the example order."),
    ]);

    /// <inheritdoc/>
    public TrainedRecommender Fit(InteractionMatrix data, ResolvedHyperparameters parameters, IProgress<FitProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (transformer, _, layout) = Train(data, parameters, progress, cancellationToken);
        var model = transformer.Model;
        var scorer = FfmFolding.Fold(layout, model.GetLinearWeights(), model.GetLatentWeights(), model.LatentDimension);
        progress?.Report(new FitProgress(1, "weights folded into user and item vectors"));
        return new TrainedRecommender(Name, parameters.ToJson(), data, scorer);
    }

    /// <summary>Runs ML.NET's trainer; also used by tests that check the folded scores against ML.NET's own.</summary>
    internal static (FieldAwareFactorizationMachinePredictionTransformer Transformer, MLContext Context, FfmLayout Layout) Train(
        InteractionMatrix data, ResolvedHyperparameters parameters, IProgress<FitProgress>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (data.ByUser.Count == 0)
        {
            throw new ArgumentException("ffm needs at least one interaction to learn from.", nameof(data));
        }

        var iterations = parameters.GetInt("iterations");
        var seed = parameters.GetInt("seed");
        var layout = new FfmLayout(data);
        var examples = new FfmExamples(data, layout, parameters.GetInt("negatives"), seed, iterations, progress, cancellationToken);
        var context = new MLContext(seed);
        var view = context.Data.LoadFromEnumerable(examples, layout.Schema());
        var trainer = context.BinaryClassification.Trainers.FieldAwareFactorizationMachine(new FieldAwareFactorizationMachineTrainer.Options
        {
            FeatureColumnName = FfmLayout.UserColumn,
            ExtraFeatureColumns = [FfmLayout.ItemColumn, FfmLayout.UserFeaturesColumn, FfmLayout.ItemFeaturesColumn],
            LabelColumnName = FfmLayout.LabelColumn,
            LatentDimension = parameters.GetInt("components"),
            NumberOfIterations = iterations,
            LearningRate = (float)parameters.GetFloat("learning_rate"),
            LambdaLinear = (float)parameters.GetFloat("lambda_linear"),
            LambdaLatent = (float)parameters.GetFloat("lambda_latent"),
            NormalizeFeatures = false,

            // The examples come in a seeded random order already; an enumerable view cannot be shuffled anyway.
            Shuffle = false,
            Verbose = false,
        });
        var transformer = trainer.Fit(view);
        cancellationToken.ThrowIfCancellationRequested();
        return (transformer, context, layout);
    }
}
