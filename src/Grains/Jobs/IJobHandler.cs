namespace HttmOrleans.Grains.Jobs;

/// <summary>Runs jobs of one <see cref="Kind"/> inside a worker grain.</summary>
public interface IJobHandler
{
    string Kind { get; }

    /// <summary>
    /// Does the work and returns a JSON result (or null). Observe <paramref name="cancellationToken"/>:
    /// it fires when the job is cancelled and when this silo stops gracefully (the job is handed to
    /// another silo without counting an attempt). Throw <see cref="JobRetryableException"/> for a
    /// transient failure worth another attempt; any other exception fails the job with its message.
    /// </summary>
    Task<string?> RunAsync(JobContext context, CancellationToken cancellationToken);
}
