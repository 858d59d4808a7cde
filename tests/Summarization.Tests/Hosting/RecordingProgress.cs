using HttmOrleans.Grains.Training;

namespace HttmOrleans.Summarization.Tests.Hosting;

/// <summary>Keeps every report, and lets a test act on one (e.g. cancel at the first training step).</summary>
internal sealed class RecordingProgress(Action<ProgressReport>? onReport = null) : ITrainingProgress
{
    private readonly List<ProgressReport> _reports = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<ProgressReport> Reports
    {
        get
        {
            lock (_lock)
                return _reports.ToList();
        }
    }

    public ValueTask ReportAsync(double percent, string message, IReadOnlyDictionary<string, double>? figures = null, CancellationToken cancellationToken = default)
    {
        var report = new ProgressReport(percent, message, figures ?? new Dictionary<string, double>());
        lock (_lock)
            _reports.Add(report);
        onReport?.Invoke(report);
        return ValueTask.CompletedTask;
    }
}
