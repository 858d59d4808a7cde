namespace HttmOrleans.Runtime;

/// <summary>A state write found another etag than the one it read: someone else wrote the grain in between.</summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(GrainId grain, string? expectedEtag, string? actualEtag)
        : base($"Grain {grain} was written concurrently: expected etag {expectedEtag ?? "(none)"}, found {actualEtag ?? "(none)"}.")
    {
        Grain = grain;
        ExpectedEtag = expectedEtag;
        ActualEtag = actualEtag;
    }

    public InconsistentStateException() : base("A grain was written concurrently.") { }
    public InconsistentStateException(string message) : base(message) { }
    public InconsistentStateException(string message, Exception inner) : base(message, inner) { }

    public GrainId Grain { get; }
    public string? ExpectedEtag { get; }
    public string? ActualEtag { get; }
}
