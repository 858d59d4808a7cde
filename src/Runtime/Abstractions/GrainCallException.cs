namespace HttmOrleans.Runtime;

/// <summary>A grain was called in a way the runtime does not allow (for example a blocking call from inside a turn).</summary>
public sealed class GrainCallException : InvalidOperationException
{
    public GrainCallException() { }
    public GrainCallException(string message) : base(message) { }
    public GrainCallException(string message, Exception inner) : base(message, inner) { }
}
