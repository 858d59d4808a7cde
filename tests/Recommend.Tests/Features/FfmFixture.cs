using HttmOrleans.Recommend.Algorithms;
using HttmOrleans.Recommend.Data;
using HttmOrleans.Recommend.Evaluation;
using HttmOrleans.Recommend.Features;
using HttmOrleans.Recommend.Serving;
using HttmOrleans.Recommend.Synthetic;

namespace HttmOrleans.Recommend.Tests.Features;

/// <summary>
/// One generated set with signal and noise features and its item cold-start split (a seeded 20 % of the items lose
/// every training interaction); the training matrix carries the users' and items' features, so cold items are
/// ranked from their features alone. The ffm and popularity models on it are fitted once.
/// </summary>
public sealed class FfmFixture
{
    private readonly Lazy<TrainedRecommender> _ffm;
    private readonly Lazy<TrainedRecommender> _popularity;

    public FfmFixture()
    {
        Data = SyntheticInteractions.Generate(new SyntheticOptions
        {
            Seed = 5,
            Users = 500,
            Items = 400,
            Interactions = 25_000,
            Rank = 4,
            Affinity = 3,
            PopularityExponent = 0.5,
        });
        Log = Data.ToLog(implicitFeedback: true);
        UserFeatures = FeatureMatrix.Build(Log.UserIds, Data.UserFeatureSamples(), addUnknown: false).Matrix;
        ItemFeatures = FeatureMatrix.Build(Log.ItemIds, Data.ItemFeatureSamples(), addUnknown: false).Matrix;
        ColdSplit = DataSplit.ItemColdStart(Log, 0.2, seed: 3);
        ColdTrain = ColdSplit.Train.ToMatrix().WithFeatures(UserFeatures, ItemFeatures);
        _ffm = new(() => Fit("ffm"));
        _popularity = new(() => Fit("popularity"));
    }

    public SyntheticDataset Data { get; }

    public InteractionLog Log { get; }

    public FeatureMatrix UserFeatures { get; }

    public FeatureMatrix ItemFeatures { get; }

    public TrainTestSplit ColdSplit { get; }

    public InteractionMatrix ColdTrain { get; }

    public EvaluationOptions ColdEvaluation => new() { K = 10, CandidateItems = ColdSplit.ColdItems };

    /// <summary>ffm with its defaults on the cold-start training part.</summary>
    public TrainedRecommender Ffm => _ffm.Value;

    public TrainedRecommender Popularity => _popularity.Value;

    /// <summary>A generated user's features as request-time pairs (<c>f0=b2</c> → ("f0", "b2")).</summary>
    public List<KeyValuePair<string, string>> RequestFeaturesOf(string userId) =>
        [.. Data.UserFeatureSamples().Where(s => s.EntityId == userId).Select(s => s.Feature.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], p[1]))];

    private TrainedRecommender Fit(string name)
    {
        var algorithm = AlgorithmRegistry.Get(name);
        return algorithm.Fit(ColdTrain, algorithm.Schema.Defaults);
    }
}
