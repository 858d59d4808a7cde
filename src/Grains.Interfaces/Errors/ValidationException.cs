using HttmOrleans.Grains.Training;

namespace HttmOrleans.Grains;

/// <summary>Fields of a request that are missing or invalid (HTTP 422 with an <c>errors</c> map).</summary>
public sealed class ValidationException : DomainException
{
    /// <summary>Creates it from one or more field errors.</summary>
    public ValidationException(IReadOnlyList<FieldError> errors)
        : base(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Reason}"))) => Errors = errors;

    /// <summary>Creates it for one field.</summary>
    public ValidationException(string field, string reason) : this([new FieldError(field, reason)]) { }

    /// <summary>The refused fields with their reasons.</summary>
    public IReadOnlyList<FieldError> Errors { get; }
}
