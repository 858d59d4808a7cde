namespace HttmOrleans.Grains.Jobs;

/// <summary>A transient job failure: the owner starts another attempt while attempts remain.</summary>
public sealed class JobRetryableException : Exception
{
    public JobRetryableException() { }
    public JobRetryableException(string message) : base(message) { }
    public JobRetryableException(string message, Exception inner) : base(message, inner) { }
}
