namespace HttmOrleans.DataChefs.Definitions;

/// <summary>
/// A source definition or column mapping was refused. The server maps it to 422 with
/// one problem-details entry per <see cref="Errors"/> item.
/// </summary>
public sealed class SourceValidationException : Exception
{
    public SourceValidationException(IReadOnlyList<SourceValidationError> errors)
        : base(Describe(errors)) => Errors = errors;

    public SourceValidationException() : this([]) { }

    public SourceValidationException(string message) : base(message) => Errors = [];

    public SourceValidationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>The refused fields, never empty when thrown by this library.</summary>
    public IReadOnlyList<SourceValidationError> Errors { get; }

    private static string Describe(IReadOnlyList<SourceValidationError> errors) =>
        errors.Count == 0
            ? "The source definition is invalid."
            : "The source definition is invalid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Reason}"));
}
