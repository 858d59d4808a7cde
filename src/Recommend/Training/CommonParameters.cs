using HttmOrleans.Recommend.Hyperparameters;

namespace HttmOrleans.Recommend.Training;

/// <summary>
/// Parameters every recommender trainer accepts on top of its algorithm's: how the holdout is cut and scored.
/// They shape evaluation only; the served artifact is always fitted on every row.
/// </summary>
internal static class CommonParameters
{
    public const string Split = "split";
    public const string TestFraction = "test_fraction";
    public const string K = "k";

    public const string RandomSplit = "random";
    public const string LeaveLatestOutSplit = "leave-latest-out";
    public const string ItemColdStartSplit = "item_cold_start";
    public const string UserColdStartSplit = "user_cold_start";

    /// <summary>Largest holdout share: beyond it the holdout model learns from too little to say anything.</summary>
    public const double MaxTestFraction = 0.9;

    public static IReadOnlyList<HyperparameterSpec> Specs { get; } =
    [
        HyperparameterSpec.Choice(
            Split,
            RandomSplit,
            [RandomSplit, LeaveLatestOutSplit, ItemColdStartSplit, UserColdStartSplit],
            "Holdout for the metrics: \"random\" sends each interaction to the test part with probability test_fraction (seeded by the run's seed); \"leave-latest-out\" holds out each user's latest interaction (needs timestamps; ignores test_fraction); \"item_cold_start\" takes a seeded test_fraction of the items with interactions and holds out all their interactions, and ranks over those cold items only (the model knows them by their item features at most); \"user_cold_start\" does the same for users (ranked from their user features, or popularity without them)."),
        HyperparameterSpec.Float(
            TestFraction,
            0.2,
            0,
            MaxTestFraction,
            "Share of interactions held out by the random split, or of items (users) made cold by the cold-start splits; 0 skips the holdout fit and reports no quality metrics."),
        HyperparameterSpec.Int(
            K,
            10,
            1,
            1_000,
            "Cut-off of the ranking metrics (precision@k, recall@k, ndcg@k, map@k, coverage)."),
    ];

    public static bool IsCommon(string name) => name is Split or TestFraction or K;
}
