using HttmOrleans.Grains.Training;

namespace HttmOrleans.Grains;

/// <summary>Bad input (422): each error names the field and the reason.</summary>
[GenerateSerializer]
public sealed class ValidationException : DomainException
{
    public ValidationException(IReadOnlyList<FieldError> errors)
        : base(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Reason}"))) => Errors = errors;

    public ValidationException(string field, string reason) : this([new FieldError(field, reason)]) { }

    /// <summary>The fields at fault.</summary>
    [Id(0)]
    public IReadOnlyList<FieldError> Errors { get; }
}
