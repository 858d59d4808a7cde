namespace HttmOrleans.Summarization.Serving;

/// <summary>The worker rejected one request (bad input); the worker itself is still running.</summary>
public sealed class SummarizationRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SummarizationRequestException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SummarizationRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SummarizationRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
