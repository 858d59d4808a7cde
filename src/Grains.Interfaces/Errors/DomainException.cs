namespace HttmOrleans.Grains;

/// <summary>
/// A refusal a client can act on. The API turns it into RFC 9457 problem details:
/// <see cref="NotFoundException"/> 404, <see cref="ConflictException"/> 409, <see cref="ValidationException"/> 422.
/// Thrown inside a turn it also rolls the turn back, so nothing is half-written.
/// </summary>
public abstract class DomainException : Exception
{
    /// <summary>Creates the exception with a message for humans.</summary>
    protected DomainException(string message) : base(message) { }
}
