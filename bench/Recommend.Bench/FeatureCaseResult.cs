namespace HttmOrleans.Recommend.Bench;

/// <summary>What one (size, algorithm) child of the features benchmark measured; crosses the process boundary as one JSON line.</summary>
internal sealed record FeatureCaseResult(
    string Size,
    string Algorithm,
    int Users,
    int Items,
    int TrainInteractions,
    int UserFeatures,
    int ItemFeatures,
    double FitSeconds,
    double PeakFitMiB,
    double WarmPrecision,
    double WarmNdcg,
    double ColdPrecision,
    double ColdPopularityPrecision,
    double ColdFitSeconds,
    double NewUserP50Ms,
    double NewUserP99Ms,
    string Parameters);
