using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Evaluation;
using HttmOrleans.Recommend.Serving;
using HttmOrleans.Recommend.Synthetic;

namespace HttmOrleans.Recommend.Tests;

/// <summary>
/// One seeded data set with known rank-3 factors, split once, shared by the accuracy and serving tests; models are
/// fitted lazily and cached so each is trained once per test run.
/// </summary>
public sealed class SyntheticFixture
{
    private readonly Dictionary<string, TrainedRecommender> _models = [];
    private readonly Lock _gate = new();

    public SyntheticFixture()
    {
        Data = SyntheticInteractions.Generate(new SyntheticOptions
        {
            Seed = 7,
            Users = 400,
            Items = 300,
            Interactions = 40_000,
            Rank = 3,
            Noise = 0.5f,
            Affinity = 3,
            // A mild popularity skew: preference must decide most choices, or rating models (svd, nmf), which rank by
            // predicted rating and know nothing of popularity, cannot be expected to beat the popularity ranking.
            PopularityExponent = 0.3,
            ShortlistFactor = 4,
        });
        Split = DataSplit.RandomHoldout(Data.ToLog(), 0.2, seed: 11);
        Train = Split.Train.ToMatrix();
    }

    public SyntheticDataset Data { get; }

    public TrainTestSplit Split { get; }

    public InteractionMatrix Train { get; }

    /// <summary>Hyperparameters each algorithm is tested with: defaults, except where a small dense set needs fewer factors and more epochs.</summary>
    public static Dictionary<string, object> ParametersFor(string algorithm) => algorithm switch
    {
        "svd" => new() { ["factors"] = 3, ["epochs"] = 300, ["lr"] = 0.01, ["reg"] = 0.005 },
        "nmf" => new() { ["n_components"] = 5, ["max_iter"] = 200 },
        _ => [],
    };

    public TrainedRecommender Model(string algorithm)
    {
        lock (_gate)
        {
            if (!_models.TryGetValue(algorithm, out var model))
            {
                var implementation = AlgorithmRegistry.Get(algorithm);
                model = implementation.Fit(Train, implementation.Schema.ResolveOrThrow(ParametersFor(algorithm)));
                _models[algorithm] = model;
            }

            return model;
        }
    }
}
