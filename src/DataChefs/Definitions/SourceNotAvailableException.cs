namespace HttmOrleans.DataChefs.Definitions;

/// <summary>
/// The source kind is known but its client library is not part of this build
/// (Kafka, MongoDB, MySQL). The server answers 501 with this message, never a silent failure.
/// </summary>
public sealed class SourceNotAvailableException : Exception
{
    public SourceNotAvailableException(string kind, string clientLibrary)
        : base($"The '{kind}' source is not available: its client library ({clientLibrary}) is not available in this build.")
    {
        Kind = kind;
        ClientLibrary = clientLibrary;
    }

    public SourceNotAvailableException() : this("unknown", "unknown") { }

    public SourceNotAvailableException(string message) : base(message)
    {
        Kind = "unknown";
        ClientLibrary = "unknown";
    }

    public SourceNotAvailableException(string message, Exception innerException) : base(message, innerException)
    {
        Kind = "unknown";
        ClientLibrary = "unknown";
    }

    /// <summary>The requested source kind, e.g. <c>kafka</c>.</summary>
    public string Kind { get; }

    /// <summary>The client library this build would need, e.g. <c>Confluent.Kafka</c>.</summary>
    public string ClientLibrary { get; }
}
