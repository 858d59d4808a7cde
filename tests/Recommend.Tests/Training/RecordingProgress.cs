using System.Collections.Concurrent;
using HttmOrleans.Grains.Training;

namespace HttmOrleans.Recommend.Tests.Training;

/// <summary>Keeps every report in order; <paramref name="onReport"/> lets a test act at a chosen point (e.g. cancel).</summary>
internal sealed class RecordingProgress(Action<double>? onReport = null) : ITrainingProgress
{
    private readonly ConcurrentQueue<(double Percent, string Message)> _reports = new();

    public IReadOnlyList<(double Percent, string Message)> Reports => [.. _reports];

    public ValueTask ReportAsync(double percent, string message, IReadOnlyDictionary<string, double>? figures = null, CancellationToken cancellationToken = default)
    {
        _reports.Enqueue((percent, message));
        onReport?.Invoke(percent);
        return ValueTask.CompletedTask;
    }
}
