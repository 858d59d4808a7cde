using System.Text.Json;
using HttmOrleans.Runtime;

namespace HttmOrleans.Runtime.TestGrains;

/// <summary>Payload of <see cref="SleepJobHandler"/>.</summary>
public sealed record SleepJob(int Steps = 5, int StepMs = 100, string? FailWith = null, bool Retryable = false);

/// <summary>Sleeps in steps, reporting progress; can fail on request. Returns which silo ran it and on which attempt.</summary>
public sealed class SleepJobHandler : IJobHandler
{
    public const string JobKind = "test.sleep";

    public string Kind => JobKind;

    public async Task<string?> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var job = JsonSerializer.Deserialize<SleepJob>(context.Payload, RuntimeJson.Options) ?? new SleepJob();
        for (var step = 0; step < job.Steps; step++)
        {
            await Task.Delay(job.StepMs, cancellationToken);
            await context.ReportProgressAsync(100.0 * (step + 1) / job.Steps, $"step {step + 1}/{job.Steps}");
        }
        if (job.FailWith is { } failure)
        {
            if (job.Retryable) throw new JobRetryableException(failure);
            throw new InvalidOperationException(failure);
        }
        return JsonSerializer.Serialize(new { silo = context.SiloId, attempt = context.Attempt });
    }
}
