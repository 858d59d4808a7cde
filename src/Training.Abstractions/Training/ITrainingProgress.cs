namespace HttmOrleans.Grains.Training;

/// <summary>Where a trainer reports how far it is; the host throttles and forwards it to the version.</summary>
public interface ITrainingProgress
{
    /// <summary>
    /// Reports <paramref name="percent"/> (0–100) with a message and optional figures
    /// (<c>step</c>, <c>loss</c>, <c>tokens_per_second</c>, <c>eta_seconds</c>, …).
    /// </summary>
    ValueTask ReportAsync(double percent, string message, IReadOnlyDictionary<string, double>? figures = null, CancellationToken cancellationToken = default);
}
