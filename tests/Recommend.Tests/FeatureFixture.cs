using HttmOrleans.Grains.Datasets;
using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Evaluation;
using HttmOrleans.Recommend.Features;
using HttmOrleans.Recommend.Serving;
using HttmOrleans.Recommend.Synthetic;

namespace HttmOrleans.Recommend.Tests;

/// <summary>
/// A seeded generator run with signal and noise features, its warm, item cold-start and user cold-start splits,
/// and hybrid models fitted lazily and cached per (split, feature kind, hyperparameters).
/// </summary>
public sealed class FeatureFixture
{
    private readonly Dictionary<string, TrainedRecommender> _models = [];
    private readonly Lock _gate = new();

    public FeatureFixture()
    {
        Options = new SyntheticOptions
        {
            Seed = 5,
            Users = 800,
            Items = 500,
            Interactions = 40_000,
            Rank = 4,
            Noise = 0.5f,
            Affinity = 3,
            PopularityExponent = 0.3,
            ShortlistFactor = 4,
        };
        Data = SyntheticInteractions.Generate(Options);
        NoiseOnly = SyntheticInteractions.Generate(Options with { SignalFeatures = false });
        var log = Data.ToLog();
        Warm = DataSplit.RandomHoldout(log, 0.2, seed: 11);
        ItemCold = DataSplit.ItemColdStart(log, 0.2, seed: 13);
        UserCold = DataSplit.UserColdStart(log, 0.2, seed: 17);
    }

    public SyntheticOptions Options { get; }

    public SyntheticDataset Data { get; }

    /// <summary>The same interactions (features come from their own seed) with noise features only.</summary>
    public SyntheticDataset NoiseOnly { get; }

    public TrainTestSplit Warm { get; }

    public TrainTestSplit ItemCold { get; }

    public TrainTestSplit UserCold { get; }

    /// <summary>The training part of <paramref name="split"/> with the users' and items' features attached.</summary>
    public static InteractionMatrix WithFeatures(TrainTestSplit split, IEnumerable<FeatureSample> users, IEnumerable<FeatureSample> items)
    {
        var train = split.Train.ToMatrix();
        return train.WithFeatures(
            FeatureMatrix.Build(train.UserIds, users, addUnknown: false).Matrix,
            FeatureMatrix.Build(train.ItemIds, items, addUnknown: false).Matrix);
    }

    public InteractionMatrix Train(TrainTestSplit split, bool noiseOnly = false)
    {
        var data = noiseOnly ? NoiseOnly : Data;
        return WithFeatures(split, data.UserFeatureSamples(), data.ItemFeatureSamples());
    }

    public TrainedRecommender Model(string algorithm, TrainTestSplit split, bool noiseOnly = false, Dictionary<string, object>? parameters = null)
    {
        var key = $"{algorithm}|{Name(split)}|{noiseOnly}|{string.Join(',', (parameters ?? []).Select(p => $"{p.Key}={p.Value}"))}";
        lock (_gate)
        {
            if (!_models.TryGetValue(key, out var model))
            {
                var implementation = AlgorithmRegistry.Get(algorithm);
                model = implementation.Fit(Train(split, noiseOnly), implementation.Schema.ResolveOrThrow(parameters ?? new Dictionary<string, object>()));
                _models[key] = model;
            }

            return model;
        }
    }

    /// <summary>Precision and NDCG at 10, over the cold items only for an item cold-start split.</summary>
    public static EvaluationReport Evaluate(TrainedRecommender model, TrainTestSplit split) =>
        Evaluator.Evaluate(model, split.Test, new EvaluationOptions { K = 10, CandidateItems = split.ColdItems });

    private string Name(TrainTestSplit split) =>
        ReferenceEquals(split, Warm) ? "warm" : ReferenceEquals(split, ItemCold) ? "item-cold" : ReferenceEquals(split, UserCold) ? "user-cold" : "other";
}
