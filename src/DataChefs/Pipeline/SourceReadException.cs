namespace HttmOrleans.DataChefs.Pipeline;

/// <summary>
/// A valid source failed while being read: the query was refused or timed out, the API kept
/// failing after its retries, the broker was unreachable. The message is safe to show and
/// holds no secret.
/// </summary>
public sealed class SourceReadException : Exception
{
    public SourceReadException()
    {
    }

    public SourceReadException(string message) : base(message)
    {
    }

    public SourceReadException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
