namespace HttmOrleans.Recommend.Bench;

/// <summary>What one feature-aware (size, algorithm) child process measured, as one JSON line.</summary>
internal sealed record FeatureCaseResult(
    string Size,
    string Algorithm,
    int TrainInteractions,
    int UserFeatures,
    int ItemFeatures,
    double FitSeconds,
    double FitCpuSeconds,
    double PeakFitMiB,
    double BaselineMiB,
    double ColdFitSeconds,
    double WarmPrecision,
    double WarmNdcg,
    double ColdPrecision,
    double ColdNdcg,
    double PopularityColdPrecision,
    double KnownP50Ms,
    double KnownP99Ms,
    double NewUserP50Ms,
    double NewUserP99Ms,
    double NewUserFromFeatures,
    string Parameters);
