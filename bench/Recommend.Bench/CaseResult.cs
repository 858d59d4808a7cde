namespace HttmOrleans.Recommend.Bench;

/// <summary>What one (size, algorithm) child process measured; crosses the process boundary as one JSON line.</summary>
internal sealed record CaseResult(
    string Size,
    string Algorithm,
    int Users,
    int Items,
    int TrainInteractions,
    double GenerateSeconds,
    double FitSeconds,
    double StepSecondsMedian,
    int Steps,
    double PeakFitMiB,
    double BaselineMiB,
    Dictionary<string, double> Metrics,
    double SingleP50Ms,
    double SingleP99Ms,
    double SingleCallsPerSecond,
    double BatchUsersPerSecond,
    string Parameters);
