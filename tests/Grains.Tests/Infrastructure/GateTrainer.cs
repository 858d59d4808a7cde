using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using HttmOrleans.Grains.Training;

namespace HttmOrleans.Grains.Tests.Infrastructure;

/// <summary>
/// A trainer plug-in that keeps training (reporting progress every 50 ms) until the test opens its
/// model's gate or the job is cancelled: a version that stays in <c>training</c> as long as a test needs.
/// </summary>
public sealed class GateTrainer : ITrainer
{
    public const string Name = "test-gate";

    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    public string Kind => ModelKinds.Recommendation;

    public string Algorithm => Name;

    public string Description => "Trains until the test opens its model's gate.";

    public string Capability => "cpu";

    public IReadOnlyList<ParameterSpec> Parameters { get; } = [];

    /// <summary>Lets every training of <paramref name="modelId"/>, running or later, finish.</summary>
    public static void Open(string modelId) => Gate(modelId).TrySetResult();

    public ParameterCheck Check(JsonObject? given) => given is null || given.Count == 0
        ? ParameterCheck.Ok([])
        : ParameterCheck.Fail([.. given.Select(p => new FieldError(p.Key, "unknown parameter"))]);

    public async Task<TrainingResult> TrainAsync(TrainingRequest request, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        var gate = Gate(request.ModelId).Task;
        for (var step = 1; !gate.IsCompleted; step++)
        {
            await progress.ReportAsync(Math.Min(90, 10 + step), "waiting for the gate",
                new Dictionary<string, double> { ["step"] = step, ["loss"] = 1.0 / step }, cancellationToken);
            await Task.WhenAny(gate, Task.Delay(50, CancellationToken.None));
            cancellationToken.ThrowIfCancellationRequested();
        }

        await File.WriteAllTextAsync(Path.Combine(request.OutputDirectory, "gate.txt"), request.VersionId, cancellationToken);
        return new TrainingResult(new Dictionary<string, double> { ["rows"] = request.Snapshot.RowCount });
    }

    private static TaskCompletionSource Gate(string modelId) =>
        Gates.GetOrAdd(modelId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
