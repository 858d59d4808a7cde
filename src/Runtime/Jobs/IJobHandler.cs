namespace HttmOrleans.Runtime;

/// <summary>Runs jobs of one <see cref="Kind"/> on a silo.</summary>
public interface IJobHandler
{
    string Kind { get; }

    /// <summary>
    /// Does the work and returns a JSON result (or null). Observe <paramref name="cancellationToken"/>:
    /// it fires when the job is cancelled, when this silo stops gracefully (the job is handed to
    /// another silo without counting an attempt) or when the lease was lost. Throw
    /// <see cref="JobRetryableException"/> for a transient failure worth another attempt; any other
    /// exception fails the job with its message.
    /// </summary>
    Task<string?> RunAsync(JobContext context, CancellationToken cancellationToken);
}

/// <summary>A transient job failure: the job goes back to the queue while attempts remain.</summary>
public sealed class JobRetryableException : Exception
{
    public JobRetryableException() { }
    public JobRetryableException(string message) : base(message) { }
    public JobRetryableException(string message, Exception inner) : base(message, inner) { }
}
